/** `itasca sandbox`: the JSON it prints and its exit codes (0 ran, 1 bad file, 2 usage). */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli";

const PY = "tests/fixtures/sandbox/python";
const JS = "tests/fixtures/sandbox/javascript";
// Each run starts a worker (Pyodide loads in seconds): allow for a busy machine.
const SLOW = { timeout: 120_000 };
const LONG = 100_000;

function parse(stdout: string): Record<string, unknown> {
  const json = JSON.parse(stdout) as Record<string, unknown>;
  expect(Object.keys(json)).toEqual(["status", "exitCode", "stdout", "stderr", "ms"]);
  expect(typeof json.ms).toBe("number");
  return json;
}

describe("itasca sandbox", () => {
  it("runs a Python file and prints {status, exitCode, stdout, stderr, ms}; exit 0 whatever the program's exit code", SLOW, async () => {
    const { code, stdout, stderr } = await runCli(["sandbox", `${PY}/exit-code.py`, "--lang", "python"], {}, LONG);
    expect(code, stderr).toBe(0);
    expect(parse(stdout)).toMatchObject({ status: "ok", exitCode: 3, stdout: "to stdout\n", stderr: "to stderr\n" });
  });

  it("feeds --stdin to a JavaScript program", SLOW, async () => {
    const { code, stdout, stderr } = await runCli(["sandbox", `${JS}/echo-stdin.js`, "--lang", "javascript", "--stdin", "tests/fixtures/sandbox/stdin.txt"], {}, LONG);
    expect(code, stderr).toBe(0);
    expect(parse(stdout)).toMatchObject({ status: "ok", exitCode: 4, stdout: 'first="hello"\nrest="world\\nmore"\neof=null\n' });
  });

  it("exits 0 with status timeout when the program passes --timeout-ms", SLOW, async () => {
    const { code, stdout } = await runCli(["sandbox", `${PY}/infinite-loop.py`, "--lang", "python", "--timeout-ms", "500"], {}, LONG);
    expect(code).toBe(0);
    expect(parse(stdout)).toMatchObject({ status: "timeout", stdout: "" });
  });

  it("exits 0 with status memory-limit past --memory-mb", SLOW, async () => {
    const { code, stdout } = await runCli(["sandbox", `${JS}/memory-bomb.js`, "--lang", "javascript", "--memory-mb", "16"], {}, LONG);
    expect(code).toBe(0);
    expect(parse(stdout)).toMatchObject({ status: "memory-limit" });
  });

  it("exits 1 naming a missing program file or --stdin file", async () => {
    const missing = await runCli(["sandbox", "no/such/program.py", "--lang", "python"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no/such/program.py: cannot read the program file: no such file");
    expect(missing.stdout).toBe("");
    const stdin = await runCli(["sandbox", `${PY}/echo-stdin.py`, "--lang", "python", "--stdin", "no/such/input.txt"]);
    expect(stdin.code).toBe(1);
    expect(stdin.stderr).toContain("no/such/input.txt: cannot read the --stdin file");
    const directory = await runCli(["sandbox", PY, "--lang", "python"]);
    expect(directory.code).toBe(1);
    expect(directory.stderr).toContain(`${PY}: cannot read the program file: it is a directory`);
  });

  it("exits 2 on usage errors", async () => {
    for (const [args, message] of [
      [["sandbox"], "sandbox takes exactly one program file"],
      [["sandbox", `${PY}/exit-code.py`], "sandbox needs --lang"],
      [["sandbox", `${PY}/exit-code.py`, "--lang", "ruby"], 'unknown --lang "ruby"'],
      [["sandbox", `${PY}/exit-code.py`, "--lang", "python", "--timeout-ms", "soon"], "--timeout-ms takes a whole number"],
      [["sandbox", `${PY}/exit-code.py`, "--lang", "python", "--memory-mb", "0"], "--memory-mb takes a number > 0"],
      [["sandbox", "a.py", "b.py", "--lang", "python"], "sandbox takes exactly one program file"],
      [["sandbox", `${PY}/exit-code.py`, "--lang", "python", "--network"], "Unknown option"],
    ] as const) {
      const { code, stderr } = await runCli([...args]);
      expect(code, `${args.join(" ")}: ${stderr}`).toBe(2);
      expect(stderr).toContain(message);
    }
  });

  it("prints its help with exit 0, and is listed in itasca --help", async () => {
    const help = await runCli(["sandbox", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: itasca sandbox <file> --lang python|javascript");
    const main = await runCli(["--help"]);
    expect(main.stdout).toContain("sandbox <file> --lang <l>");
  });
});
