/**
 * Why a test program failed, from its sandbox result: the first failing assertion (the
 * source line the traceback points at, read from the program itself, since code run from a
 * string has no source in its traceback), else the exception, else the limit it hit.
 */
import type { SandboxResult } from "../../nodes/sandbox-types";

const FRAME = /^\s*File "([^"]*)", line (\d+)/;
/** Interpreter and Pyodide frames, not the program's own. */
const LIBRARY = /\/lib\/python|site-packages|_pyodide|<frozen |\/pyodide\//;
const MAX_REASON = 300;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_REASON ? `${flat.slice(0, MAX_REASON - 3)}...` : flat;
}

/** Open brackets minus closed ones (strings are not parsed: a rough count is enough here). */
function openBrackets(text: string): number {
  let depth = 0;
  for (const ch of text) depth += "([{".includes(ch) ? 1 : ")]}".includes(ch) ? -1 : 0;
  return depth;
}

/** The statement starting at 1-based `line`, continued while its brackets are open (at most 10 lines). */
function statementAt(program: string, line: number): string | undefined {
  const lines = program.split("\n");
  let text = lines[line - 1];
  if (text === undefined) return undefined;
  for (let i = line; openBrackets(text) > 0 && i < lines.length && i < line + 10; i++) text += `\n${lines[i]}`;
  return text.trim();
}

/** The last traceback frame in the program itself, and the exception line. */
function readTraceback(stderr: string): { line?: number; exception?: string } {
  const lines = stderr.split(/\r?\n/);
  let frame: number | undefined;
  for (const text of lines) {
    const match = FRAME.exec(text);
    if (match !== null && !LIBRARY.test(match[1] as string)) frame = Number(match[2]);
  }
  const exception = lines
    .map((l) => l.trim())
    .filter((l) => /^[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning)\b(?::|$)/.test(l))
    .at(-1);
  return { ...(frame === undefined ? {} : { line: frame }), ...(exception === undefined ? {} : { exception }) };
}

/** One line saying why the tests did not pass. */
export function describeFailure(result: SandboxResult, program: string, timeoutMs: number): string {
  switch (result.status) {
    case "timeout":
      return `timed out after ${timeoutMs} ms`;
    case "memory-limit":
      return "exceeded the sandbox's memory limit";
    case "output-limit":
      return "printed more than the sandbox's output limit";
    default:
      break;
  }
  const { line, exception } = readTraceback(result.stderr);
  const source = line === undefined ? undefined : statementAt(program, line);
  if (exception !== undefined && /^AssertionError\b/.test(exception) && source !== undefined && /^assert\b/.test(source)) {
    const message = exception.replace(/^AssertionError:?\s*/, "");
    return clip(`${source} failed${message === "" ? "" : ` (${message})`} at line ${line}`);
  }
  if (exception !== undefined) return clip(source === undefined ? exception : `${exception} at line ${line}: ${source}`);
  const stderr = result.stderr.trim();
  return stderr !== "" ? clip(stderr) : `exited with code ${result.exitCode}`;
}
