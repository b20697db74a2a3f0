/** Closing the desktop window with unsaved edits asks natively; the window closes only on "discard". */
import type { BrowserWindow, Event, MessageBoxSyncOptions } from "electron";
import { describe, expect, it } from "vitest";
import { confirmDiscardOnClose } from "../../electron/unsaved-changes";

function closing(answer: number, window: BrowserWindow | undefined) {
  const asked: MessageBoxSyncOptions[] = [];
  let prevented = false;
  const listener = confirmDiscardOnClose({ showMessageBoxSync: (_parent, options) => (asked.push(options), answer) }, () => window);
  listener({ preventDefault: () => (prevented = true) } as Event);
  return { asked, closes: prevented };
}

describe("confirmDiscardOnClose", () => {
  const window = {} as BrowserWindow;

  it("closes the window when the user discards", () => {
    const { asked, closes } = closing(0, window);
    expect(closes).toBe(true);
    expect(asked[0]).toMatchObject({ buttons: ["Discard changes", "Keep editing"], cancelId: 1, defaultId: 1 });
  });

  it("keeps it open when the user keeps editing (also Escape, the cancel button)", () => {
    expect(closing(1, window).closes).toBe(false);
  });

  it("asks nothing when the window is already gone", () => {
    expect(closing(0, undefined)).toEqual({ asked: [], closes: false });
  });
});
