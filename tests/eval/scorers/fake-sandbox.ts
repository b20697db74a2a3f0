/** A CodeSandbox double for the code scorer's logic: records each request and answers with a canned result. */
import type { CodeSandbox, SandboxRequest, SandboxResult } from "../../../core/nodes/sandbox-types";

export class FakeSandbox implements CodeSandbox {
  readonly requests: SandboxRequest[] = [];
  constructor(private readonly answer: (request: SandboxRequest) => Partial<SandboxResult> = () => ({})) {}

  async run(request: SandboxRequest): Promise<SandboxResult> {
    this.requests.push(request);
    return { status: "ok", exitCode: 0, stdout: "", stderr: "", ms: 1, ...this.answer(request) };
  }
}
