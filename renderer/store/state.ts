/** The whole store's state: the slices, combined. */
import type { CatalogSlice } from "./slices/catalog-slice";
import type { EditSlice } from "./slices/edit-slice";
import type { EvalsSlice } from "./slices/evals-slice";
import type { GraphSlice } from "./slices/graph-slice";
import type { InteropSlice } from "./slices/interop-slice";
import type { RunsSlice } from "./slices/runs-slice";
import type { SearchSlice } from "./slices/search-slice";
import type { SelectionSlice } from "./slices/selection-slice";
import type { UiSlice } from "./slices/ui-slice";

export type ItascaState = GraphSlice & SelectionSlice & EditSlice & UiSlice & CatalogSlice & RunsSlice & EvalsSlice & SearchSlice & InteropSlice;
