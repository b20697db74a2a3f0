/** Picks the control for one param from its field spec, and writes through the store. */
import type { Diagnostic } from "../../core/graph/diagnostics";
import { useItasca, useItascaStore } from "../store/react";
import { BooleanField } from "./BooleanField";
import type { FieldSpec } from "./field-model";
import { NumberField } from "./NumberField";
import { isSearchable, SearchMarkEditor, SearchToggle } from "./SearchMark";
import { SelectField } from "./SelectField";
import { TemplateField } from "./TemplateField";
import { TextField } from "./TextField";

const NO_MODELS: readonly string[] = [];

export interface ParamFieldProps {
  nodeId: string;
  field: FieldSpec;
  value: unknown;
  diagnostics: readonly Diagnostic[];
}

export function ParamField({ nodeId, field, value, diagnostics }: ParamFieldProps) {
  const store = useItascaStore();
  const modelIds = useItasca((state) => state.modelIds) ?? NO_MODELS;
  const commit = (next: unknown): string | null => {
    const result = store.getState().setNodeParam(nodeId, field.name, next);
    return result.ok ? null : result.reason;
  };
  // Numbers and choices can be marked searchable: the Search tab varies them.
  const search = isSearchable(field)
    ? { toggle: <SearchToggle nodeId={nodeId} field={field} value={value} />, editor: <SearchMarkEditor nodeId={nodeId} field={field} options={field.kind === "enum" ? field.options : field.kind === "model" ? modelIds : []} /> }
    : undefined;
  const props = { nodeId, value, diagnostics, commit, ...(search === undefined ? {} : { search }) };
  switch (field.kind) {
    case "number":
      return <NumberField {...props} field={field} />;
    case "enum":
      return <SelectField {...props} field={field} options={field.options} />;
    case "model":
      return <SelectField {...props} field={field} options={modelIds} missingLabel="not in the model registry" />;
    case "boolean":
      return <BooleanField {...props} field={field} />;
    case "template":
      return <TemplateField {...props} field={field} />;
    case "text":
    case "json":
      return <TextField {...props} field={field} />;
  }
}
