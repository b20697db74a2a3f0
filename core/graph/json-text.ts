/**
 * Parsing JSON text with a location for errors. `JSON.parse` messages differ between engines and
 * some carry no position, so on failure a small scanner finds the line, column and a reason a
 * person editing the file by hand understands (trailing commas, comments, single quotes).
 */

export type JsonTextResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; line: number; column: number; offset: number };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parses JSON text; a leading byte-order mark is ignored, as editors on Windows write one. */
export function parseJsonText(text: string): JsonTextResult {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    const found = locateSyntaxError(body);
    const offset = found?.offset ?? 0;
    const message = found?.message ?? (error instanceof Error ? error.message : String(error));
    const { line, column } = lineAndColumn(body, offset);
    return { ok: false, message, line, column, offset };
  }
}

/** 1-based line and column of an offset; `\r\n` counts as one line break. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function describe(char: string | undefined): string {
  return char === undefined ? "end of file" : `${JSON.stringify(char)}`;
}

/** The first syntax error in `text`, or `undefined` when the scanner finds none. */
function locateSyntaxError(text: string): { message: string; offset: number } | undefined {
  let pos = 0;

  const fail = (message: string, at = pos): never => {
    throw new JsonSyntaxError(message, at);
  };

  const skipSpace = (): void => {
    for (;;) {
      const char = text[pos];
      if (char === " " || char === "\t" || char === "\n" || char === "\r") pos++;
      else if (char === "/" && (text[pos + 1] === "/" || text[pos + 1] === "*")) fail("comments are not allowed in JSON");
      else return;
    }
  };

  const string = (): void => {
    if (text[pos] === "'") fail("strings must use double quotes, not single quotes");
    pos++;
    for (;;) {
      const char = text[pos];
      if (char === undefined) fail("unterminated string", pos);
      else if (char === '"') {
        pos++;
        return;
      } else if (char === "\\") {
        const escape = text[pos + 1];
        if (escape === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) fail("invalid \\u escape in string");
          pos += 6;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) pos += 2;
        else fail(`invalid escape "\\${escape ?? ""}" in string`);
      } else if (char < " ") fail("unescaped control character (such as a line break) in string");
      else pos++;
    }
  };

  const literal = (): void => {
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos));
    if (number !== null && /[-\d]/.test(text[pos] ?? "")) {
      pos += number[0].length;
      return;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return;
      }
    }
    fail(`unexpected ${describe(text[pos])}, expected a value`);
  };

  const value = (): void => {
    skipSpace();
    const char = text[pos];
    if (char === "{") object();
    else if (char === "[") array();
    else if (char === '"' || char === "'") string();
    else literal();
  };

  const object = (): void => {
    pos++;
    skipSpace();
    if (text[pos] === "}") {
      pos++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[pos] !== '"' && text[pos] !== "'") fail(`unexpected ${describe(text[pos])}, expected a property name in double quotes`);
      string();
      skipSpace();
      if (text[pos] !== ":") fail(`unexpected ${describe(text[pos])}, expected ":" after the property name`);
      pos++;
      value();
      skipSpace();
      if (text[pos] === "}") {
        pos++;
        return;
      }
      if (text[pos] !== ",") fail(`unexpected ${describe(text[pos])}, expected "," or "}" after a property`);
      const comma = pos;
      pos++;
      skipSpace();
      if (text[pos] === "}") fail("trailing comma before \"}\"", comma);
    }
  };

  const array = (): void => {
    pos++;
    skipSpace();
    if (text[pos] === "]") {
      pos++;
      return;
    }
    for (;;) {
      value();
      skipSpace();
      if (text[pos] === "]") {
        pos++;
        return;
      }
      if (text[pos] !== ",") fail(`unexpected ${describe(text[pos])}, expected "," or "]" after an array item`);
      const comma = pos;
      pos++;
      skipSpace();
      if (text[pos] === "]") fail("trailing comma before \"]\"", comma);
    }
  };

  try {
    value();
    skipSpace();
    if (pos < text.length) fail(`unexpected ${describe(text[pos])} after the end of the document`);
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { message: error.message, offset: error.offset };
    throw error;
  }
}
