/** A TCP port number as AWS accepts it. */
export const validPort = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 65535;
