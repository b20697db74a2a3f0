import { describe, expect, it, vi } from "vitest";
import { denyNavigation, denyWebview, denyWindowOpen } from "../../electron/navigation";

describe("navigation guards", () => {
  it("prevents every navigation", () => {
    for (const url of ["https://example.com/", "file:///etc/passwd", "javascript:alert(1)"]) {
      const event = { preventDefault: vi.fn() };
      denyNavigation(event, url);
      expect(event.preventDefault).toHaveBeenCalledOnce();
    }
  });

  it("denies window.open", () => {
    expect(denyWindowOpen()).toEqual({ action: "deny" });
  });

  it("refuses to attach a webview", () => {
    const event = { preventDefault: vi.fn() };
    denyWebview(event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});
