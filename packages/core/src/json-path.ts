/** JSON paths as operators read them: `services[2].listeners[0].containerPort`, `sleepTimeSeconds`. */
export const indexPath = (path: string, index: number | string): string => `${path}[${index}]`;

export const fieldPath = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);
