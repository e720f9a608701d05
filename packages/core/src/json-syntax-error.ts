import jsonc, { type ParseError } from 'jsonc-parser';

/**
 * Where JSON text first breaks the grammar (RFC 8259) and what was expected there. `JSON.parse` names a
 * place in only some of its messages, as a character offset, and its words change between Node
 * versions; jsonc-parser (the scanner of VS Code's JSON support), with comments and trailing commas
 * refused, places every syntax error, so an operator reads the line and column, as an editor shows them.
 * It only locates: `JSON.parse` stays the parser.
 */
export interface JsonSyntaxError {
  /** Offset (UTF-16 code units) of the token that cannot be there; `text.length` at the end. */
  readonly offset: number;
  readonly expected: string;
}

type ErrorName = ReturnType<typeof jsonc.printParseErrorCode>;

/** What the operator should have written, for each of jsonc-parser's error codes. */
const EXPECTED: Record<ErrorName, string> = {
  InvalidSymbol:
    'a JSON token (a string in double quotes, a number, true, false, null, or one of { } [ ] : ,)',
  InvalidNumberFormat: 'a number',
  PropertyNameExpected: 'a property name in double quotes',
  ValueExpected: 'a value',
  ColonExpected: "':' after the property name",
  CommaExpected: "',' between values",
  CloseBraceExpected: "',' or '}'",
  CloseBracketExpected: "',' or ']'",
  EndOfFileExpected: 'the end of the file after the value',
  InvalidCommentToken: 'no comment (JSON has none)',
  UnexpectedEndOfComment: 'no comment (JSON has none)',
  UnexpectedEndOfString: 'a closing quote',
  UnexpectedEndOfNumber: 'a digit',
  InvalidUnicode: 'four hex digits after \\u',
  InvalidEscapeCharacter: 'an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)',
  InvalidCharacter: 'no line break or control character inside a string',
  '<unknown ParseErrorCode>': 'valid JSON',
};

/** The first syntax error of `text`, or undefined when jsonc-parser finds none. */
export const jsonSyntaxError = (text: string): JsonSyntaxError | undefined => {
  const errors: ParseError[] = [];
  try {
    jsonc.parse(text, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
  } catch {
    // A recursive descent: nesting deep enough to exhaust the stack has no place to show.
    return undefined;
  }
  const first = errors[0];
  return first === undefined
    ? undefined
    : { offset: first.offset, expected: EXPECTED[jsonc.printParseErrorCode(first.error)] };
};
