/** The host object the app was started with, for the components that talk to it. */
import { createContext, useContext, type ReactNode } from "react";
import type { Host } from "./host";

const HostContext = createContext<Host | null>(null);

export function HostProvider({ host, children }: { host: Host; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useHost(): Host {
  const host = useContext(HostContext);
  if (host === null) throw new Error("useHost: no HostProvider above this component");
  return host;
}
