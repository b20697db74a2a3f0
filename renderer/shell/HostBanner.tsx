/**
 * A banner while the host does not answer (the studio server stopped, say): every run and save
 * would fail, so the app says it once, clearly, instead of one error per click.
 */
import { useEffect, useState } from "react";
import { useHost } from "../host/context";

export function HostBanner() {
  const host = useHost();
  const [reachable, setReachable] = useState(true);
  useEffect(() => host.onReachable(setReachable), [host]);
  if (reachable) return null;
  return (
    <div className="host-banner" role="alert" data-testid="host-unreachable">
      The Itasca studio is not answering. Runs and saves will fail until it is back; restart <code>itasca studio</code> and reload this page.
    </div>
  );
}
