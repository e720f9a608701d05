/** Just enough XML writing for the ELB and S3 answers. */

export const escapeXml = (text: string): string =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );

/** `<name>content</name>`; content is already XML. */
export const element = (name: string, content: string): string => `<${name}>${content}</${name}>`;

/** `<name>text</name>` with the text escaped; nothing when the value is absent. */
export const textElement = (name: string, value: string | number | boolean | undefined): string =>
  value === undefined ? '' : element(name, escapeXml(String(value)));

/** A list as AWS's query protocol writes it: `<name><member>…</member>…</name>`. */
export const memberList = <A>(name: string, items: readonly A[], render: (item: A) => string): string =>
  element(name, items.map((item) => element('member', render(item))).join(''));

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
