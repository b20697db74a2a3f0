/** What every inspector field component receives. */
import type { ReactNode } from "react";
import type { Diagnostic } from "../../core/graph/diagnostics";
import type { FieldSpec } from "./field-model";

export interface FieldProps<F extends FieldSpec = FieldSpec> {
  nodeId: string;
  field: F;
  /** The value as written in the file; undefined when the default applies. */
  value: unknown;
  /** Diagnostics about this param (from the live validation). */
  diagnostics: readonly Diagnostic[];
  /** Writes a value (undefined: back to the default); returns the refusal reason, or null. */
  commit(value: unknown): string | null;
  /** The param's search mark: a toggle for the field's header and, when on, its range or choices under the control. */
  search?: { toggle: ReactNode; editor: ReactNode };
}
