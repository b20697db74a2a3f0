/** A short-lived message about an action that did not happen (a refused paste or connection). */
import { useEffect } from "react";
import { useItasca } from "../store/react";

const SHOW_MS = 5000;

export function NoticeToast() {
  const notice = useItasca((state) => state.notice);
  const dismiss = useItasca((state) => state.dismissNotice);
  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(dismiss, SHOW_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);
  if (notice === null) return null;
  return (
    <div className={`notice notice--${notice.kind}`} data-testid="notice" role="status" onClick={dismiss}>
      {notice.text}
    </div>
  );
}
