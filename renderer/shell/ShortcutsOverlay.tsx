/** The keyboard shortcuts list (`?`), generated from the same table the key handler uses. */
import { useItasca } from "../store/react";
import { IS_MAC } from "./platform";
import { keyLabel, SHORTCUTS } from "./shortcuts";

export function ShortcutsOverlay() {
  const open = useItasca((state) => state.shortcutsOpen);
  const close = useItasca((state) => state.setShortcutsOpen);
  if (!open) return null;
  return (
    <div className="overlay" data-testid="shortcuts-overlay" role="dialog" aria-modal aria-label="Keyboard shortcuts" onClick={() => close(false)}>
      <div className="overlay-card" onClick={(event) => event.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table className="shortcuts">
          <tbody>
            {SHORTCUTS.map((shortcut) => (
              <tr key={shortcut.command} data-testid={`shortcut-${shortcut.command}`}>
                <td className="shortcut-keys">
                  {shortcut.keys.map((keys) => (
                    <kbd key={keys}>{keyLabel(keys, IS_MAC)}</kbd>
                  ))}
                </td>
                <td>{shortcut.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="overlay-foot">
          Also: shift-drag a box to select several nodes, Ctrl/Cmd-click to add to the selection, drag from a port to connect.
        </p>
        <button type="button" className="overlay-close" data-testid="shortcuts-close" onClick={() => close(false)}>
          Close
        </button>
      </div>
    </div>
  );
}
