/**
 * The designer's screen (ARCHITECTURE.md section 6b): top bar; palette left, canvas centre,
 * inspector right; the collapsible bottom panel under the canvas.
 */
import { useEffect } from "react";
import { Canvas } from "../canvas/Canvas";
import { useEvalCommands } from "../evaluate/use-eval-commands";
import { useEvalEvents } from "../evaluate/use-eval-events";
import { Inspector } from "../inspector/Inspector";
import { ModelsPage } from "../models/ModelsPage";
import { Palette } from "../palette/Palette";
import { useRunCommands } from "../run/use-run-commands";
import { useRunEvents } from "../run/use-run-events";
import { useSearchCommands } from "../search/use-search-commands";
import { useSearchEvents } from "../search/use-search-events";
import { useItasca } from "../store/react";
import { BottomPanel } from "./BottomPanel";
import { HostBanner } from "./HostBanner";
import { NoticeToast } from "./NoticeToast";
import { ShortcutsOverlay } from "./ShortcutsOverlay";
import { TopBar } from "./TopBar";
import { useClipboardEvents } from "./use-clipboard-events";
import { useCommands } from "./use-commands";
import { useHostStart } from "./use-host-start";
import { useMenuCommands } from "./use-menu-commands";
import { useShortcuts } from "./use-shortcuts";

export function App() {
  const theme = useItasca((state) => state.theme);
  const runCommands = useRunCommands();
  const commands = useCommands(runCommands);
  useRunEvents(runCommands);
  const evalCommands = useEvalCommands();
  useEvalEvents(evalCommands);
  const searchCommands = useSearchCommands();
  useSearchEvents(searchCommands);
  useShortcuts(commands);
  useMenuCommands(commands, runCommands);
  useClipboardEvents();
  useHostStart();
  // On the root element, so the theme's variables reach portals and the page background too.
  useEffect(() => {
    document.documentElement.dataset["theme"] = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  return (
    <div className="app">
      <HostBanner />
      <TopBar commands={commands} runCommands={runCommands} />
      <main className="workspace">
        <Palette />
        <section className="centre">
          <Canvas />
          <BottomPanel runCommands={runCommands} evalCommands={evalCommands} searchCommands={searchCommands} />
        </section>
        <Inspector />
      </main>
      <ModelsPage />
      <ShortcutsOverlay />
      <NoticeToast />
    </div>
  );
}
