/**
 * One port: a handle coloured and shaped by its port type (query circle, candidates square,
 * tests diamond, answer triangle; styles/ports.css) and its name beside it.
 */
import { Handle, Position } from "@xyflow/react";
import type { PortType } from "../../core/graph/ports";

export interface PortHandleProps {
  nodeId: string;
  port: string;
  type: PortType;
  side: "in" | "out";
  description: string;
  /** An input that must be connected (drawn filled; optional inputs are hollow). */
  required?: boolean;
}

export function PortHandle({ nodeId, port, type, side, description, required = true }: PortHandleProps) {
  const label = `${port} (${type}${side === "in" && !required ? ", optional" : ""}): ${description}`;
  return (
    <div className={`port-row port-row--${side}`}>
      <Handle
        id={port}
        type={side === "in" ? "target" : "source"}
        position={side === "in" ? Position.Left : Position.Right}
        className={`port-handle port-handle--${type}${required ? "" : " port-handle--optional"}`}
        data-testid={`handle-${nodeId}-${side}-${port}`}
        data-port-type={type}
        title={label}
        aria-label={label}
      />
      <span className="port-name">{port}</span>
    </div>
  );
}
