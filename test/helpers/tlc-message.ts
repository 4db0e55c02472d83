/** One message of TLC's `-tool` output: its code, class and body between the START/END markers. */
export const tlcMessage = (code: number, cls: number, body: string): string => `@!@!@STARTMSG ${code}:${cls} @!@!@\n${body}\n@!@!@ENDMSG ${code} @!@!@\n`;
