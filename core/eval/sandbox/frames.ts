/**
 * The frames a worker writes on fd 3: `[type u8][length u32 LE][payload]` (see worker/lockdown.mjs).
 */
export const FRAME = { stdout: 1, stderr: 2, message: 3 } as const;

export interface Frame {
  type: number;
  payload: Buffer;
}

/** Splits a byte stream into frames; feed it chunks, it returns the complete frames so far. */
export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const frames: Frame[] = [];
    while (this.buffer.length >= 5) {
      const length = this.buffer.readUInt32LE(1);
      if (this.buffer.length < 5 + length) break;
      frames.push({ type: this.buffer[0]!, payload: this.buffer.subarray(5, 5 + length) });
      this.buffer = this.buffer.subarray(5 + length);
    }
    return frames;
  }
}
