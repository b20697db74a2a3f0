/** The last lines a child process wrote, kept for error messages without holding its whole log. */
export class OutputTail {
  private readonly lines: string[] = [];
  private partial = "";

  constructor(private readonly keep = 40) {}

  push(chunk: Buffer | string): string[] {
    const lines = (this.partial + chunk.toString()).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) {
      this.lines.push(line);
      if (this.lines.length > this.keep) this.lines.shift();
    }
    return lines;
  }

  text(): string {
    return [...this.lines, this.partial].filter(Boolean).join("\n");
  }
}
