"""
The Python side of the sandbox worker: run once in the worker's interpreter, before any program.

It evaluates to (prepare, trampoline, enter_finish, finish, restore), which the worker calls in turn:
  prepare(source)      fresh __main__ module and streams; returns (globals, (stdout, stderr))
  trampoline(source, globals, filename)
                       compiles and runs the program; returns the exception it ended with, or None.
                       It has its own globals dict, so a program walking up its frames finds nothing
                       of the sandbox (that dict is restored after every run like the modules).
  enter_finish()       ends the program phase of the audit hook
  finish(error, streams)
                       prints the traceback (or the SystemExit message), flushes, returns the exit code
  restore(globals)     puts the interpreter back as the snapshot taken here (see RESTORED below);
                       returns "" when clean, else why the worker must be replaced

The audit hook installed here cannot be removed: it blocks what a program must never do (processes,
sockets, ctypes, new audit hooks, heap walks, threads) and marks the worker tainted when a program
changes state that restore cannot put back (attributes of existing classes and functions).
"""

import builtins
import gc
import io
import linecache
import operator
import os
import sys
import traceback

PRELOAD = (
    "typing", "math", "cmath", "re", "string", "collections", "collections.abc", "itertools", "functools",
    "heapq", "bisect", "copy", "operator", "hashlib", "random", "fractions", "decimal", "numbers", "datetime",
    "json", "statistics", "dataclasses", "enum", "array", "textwrap", "time", "unicodedata",
)
for _name in PRELOAD:
    __import__(_name)
del _name

import random  # noqa: E402 (after the preload on purpose)
import socket  # noqa: E402
import warnings  # noqa: E402
import atexit  # noqa: E402

PROGRAM_FILE = "main.py"

# Phases: the hook is strict while a program runs, and stricter while restore runs (a finaliser
# of the program's objects may run then, and must not reach restore's frame).
SETUP, PROGRAM, FINISH, RESTORE = 0, 1, 2, 3
_state = {"phase": SETUP, "taint": ""}

_BLOCKED_ALWAYS = {
    "sys.addaudithook": "adding audit hooks",
    "gc.get_objects": "walking the heap",
    "gc.get_referrers": "walking the heap",
    "gc.get_referents": "walking the heap",
    "_thread.start_new_thread": "threads",
    "os.system": "running commands",
    "os.exec": "running commands",
    "os.spawn": "running commands",
    "os.posix_spawn": "running commands",
    "os.fork": "running commands",
    "os.forkpty": "running commands",
    "subprocess.Popen": "running commands",
    "pty.spawn": "running commands",
    "os.kill": "signalling processes",
    "os.killpg": "signalling processes",
    "socket.__new__": "network access",
    "socket.connect": "network access",
    "socket.bind": "network access",
    "socket.sendto": "network access",
    "socket.sendmsg": "network access",
    "socket.getaddrinfo": "network access",
    "socket.gethostbyname": "network access",
    "socket.gethostbyaddr": "network access",
    "socket.getnameinfo": "network access",
    "webbrowser.open": "opening a browser",
    "sys.remote_exec": "remote execution",
}
_BLOCKED_IMPORTS = {"ctypes", "_ctypes", "pyodide_js"}
_TAINTING = {"object.__setattr__", "object.__delattr__"}
_FRAME_ACCESS = {"sys._getframe", "sys._getframemodulename", "object.__getattr__"}
_str, _type, _isinstance = str, type, isinstance


def _module_of(obj):
    """The __module__ an existing class or function says it belongs to, read without running its code."""
    try:
        if _isinstance(obj, _type):
            value = _type.__dict__["__dict__"].__get__(obj).get("__module__")
        else:
            value = object.__getattribute__(obj, "__module__")
    except BaseException:
        return None
    return value if _type(value) is _str else None


def _hook(event, args):
    phase = _state["phase"]
    if phase == SETUP:
        return
    reason = _BLOCKED_ALWAYS.get(event)
    if reason is None and event.startswith("ctypes."):
        reason = "ctypes"
    if reason is None and event == "import" and args and _type(args[0]) is _str and args[0] in _BLOCKED_IMPORTS:
        raise ImportError(f"module {args[0]!r} is not available in the sandbox")
    if reason is not None:
        raise PermissionError(f"{reason} is not allowed in the sandbox ({event})")
    if phase == RESTORE and event in _FRAME_ACCESS:
        raise RuntimeError("frame access is not allowed while the sandbox resets")
    if event in _TAINTING and phase == PROGRAM and args:
        target = args[0]
        if _isinstance(target, _type) or _type(target).__name__ in ("function", "code", "builtin_function_or_method"):
            if _module_of(target) != "__main__" and not _state["taint"]:
                _state["taint"] = f"the program changed {event[7:]} of an existing object"
    if event == "sys.monitoring.register_callback" and not _state["taint"]:
        _state["taint"] = "the program registered a sys.monitoring callback"


sys.addaudithook(_hook)

# The interpreter's view of the JavaScript side: `js` is the worker's curated object; pyodide_js
# (the pyodide API: file system mounts, sockets, module loading) is not importable at all.
for _name in ("pyodide_js", "pyodide_js._api"):
    sys.modules.pop(_name, None)
del _name
import _pyodide._importhook  # noqa: E402

# ... nor through the finder that serves JavaScript modules to `import`.
_JS_MODULES = _pyodide._importhook.jsfinder.jsproxies
_JS_MODULES.pop("pyodide_js", None)

# os.environ as a fresh interpreter with a minimal environment would have it.
os.environ.clear()
os.environ.update({"HOME": "/home/pyodide", "USER": "pyodide", "LOGNAME": "pyodide", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PWD": "/home/pyodide"})
os.chdir("/home/pyodide")
sys.argv[:] = [PROGRAM_FILE]
if "" in sys.path:
    sys.path.remove("")

# The trampoline lives in its own globals dict, restored after every run like the modules.
_trampoline_globals = {"__builtins__": builtins}
exec(
    "def run(source, g, filename):\n"
    "    try:\n"
    "        exec(compile(source, filename, 'exec', dont_inherit=True), g)\n"
    "    except BaseException as error:\n"
    "        return error\n"
    "    return None\n",
    _trampoline_globals,
)
_trampoline = _trampoline_globals["run"]
_TRAMPOLINE_CODE = _trampoline.__code__

# ---- the snapshot (RESTORED) -------------------------------------------------------------------
# Shallow, by identity: every loaded module's __dict__ (builtins, sys and os included), sys.modules,
# the import machinery lists, warnings filters, os.environ, cwd, recursion and int-digit limits,
# random's state, gc settings, socket timeout, atexit callbacks, tracing and monitoring hooks, and
# the files of the in-memory file system (in the worker). Not restored: in-place changes inside
# objects that existing modules hold (say, an attribute of a logger instance or a list a module
# keeps); those last until the worker is recycled (after a tainting run or N executions).
_modules = sys.modules
_is = operator.is_


def _dict_snapshot(d):
    return (d, tuple(d.keys()), tuple(d.values()))


def _take_snapshot():
    dicts = [_dict_snapshot(_modules), _dict_snapshot(_trampoline_globals), _dict_snapshot(_finish_globals), _dict_snapshot(sys.path_importer_cache), _dict_snapshot(os.environ._data), _dict_snapshot(_JS_MODULES)]
    seen = set()
    for module in list(_modules.values()):
        d = getattr(module, "__dict__", None)
        if _type(d) is dict and id(d) not in seen:
            seen.add(id(d))
            dicts.append(_dict_snapshot(d))
    lists = [(lst, tuple(lst)) for lst in (sys.path, sys.meta_path, sys.path_hooks, sys.argv, warnings.filters, gc.callbacks)]
    return tuple(dicts), tuple(lists)


_dict_clear, _dict_update, _zip, _all, _map, _len = dict.clear, dict.update, zip, all, map, len
_ModuleType = _type(sys)


def _restore_containers():
    """Puts every snapshotted dict and list back; returns how many had changed."""
    changed = 0
    for d, keys, values in _DICTS:
        if _len(d) != _len(keys) or not _all(_map(_is, _map(d.get, keys), values)):
            _dict_clear(d)
            _dict_update(d, _zip(keys, values))
            changed += 1
    for lst, items in _LISTS:
        if _len(lst) != _len(items) or not _all(_map(_is, lst, items)):
            lst[:] = items
            changed += 1
    return changed


def _restore_scalars():
    sys.settrace(None)
    sys.setprofile(None)
    if sys.getrecursionlimit() != _SCALARS["recursion"]:
        sys.setrecursionlimit(_SCALARS["recursion"])
    if sys.get_int_max_str_digits() != _SCALARS["digits"]:
        sys.set_int_max_str_digits(_SCALARS["digits"])
    if os.getcwd() != _SCALARS["cwd"]:
        os.chdir(_SCALARS["cwd"])
    os.umask(_SCALARS["umask"])
    random.setstate(_SCALARS["random"])
    if not gc.isenabled():
        gc.enable()
    if gc.get_threshold() != _SCALARS["gc"]:
        gc.set_threshold(*_SCALARS["gc"])
    socket.setdefaulttimeout(None)
    atexit._clear()
    monitoring = getattr(sys, "monitoring", None)
    if monitoring is not None:
        for tool in range(6):
            if monitoring.get_tool(tool) is not None:
                monitoring.set_events(tool, 0)
                monitoring.free_tool_id(tool)


def _fds_intact():
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            return False
    return True


def prepare(source):
    """Fresh streams and globals for one program; returns (globals, (stdout, stderr))."""
    source = _str(source)
    linecache.cache[PROGRAM_FILE] = (_len(source), None, source.splitlines(True), PROGRAM_FILE)
    sys.stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "r", closefd=False)), encoding="utf-8")
    # Line-buffered, so what a program printed before it hangs reaches the parent before the kill.
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "w", closefd=False), 65536), encoding="utf-8", line_buffering=True)
    sys.stderr = io.TextIOWrapper(io.BufferedWriter(io.FileIO(2, "w", closefd=False), 8192), encoding="utf-8", errors="backslashreplace", line_buffering=True)
    main = _ModuleType("__main__")
    g = main.__dict__
    g.update({"__file__": PROGRAM_FILE, "__builtins__": builtins})
    _modules["__main__"] = main
    _state["taint"] = ""
    _state["phase"] = PROGRAM
    return g, (sys.stdout, sys.stderr)


def _enter_finish():
    _state["phase"] = FINISH


# finish runs after the program, and the program's code can run inside it (an exception's __str__,
# a replaced sys.stdout): like the trampoline, it has its own globals dict, restored after each run.
_finish_globals = {"__builtins__": builtins, "sys": sys, "traceback": traceback, "SystemExit": SystemExit, "TRAMPOLINE": _TRAMPOLINE_CODE, "type": _type}
exec(
    "def finish(error, streams):\n"
    "    code = 0\n"
    "    try:\n"
    "        if error is not None:\n"
    "            if issubclass(type(error), SystemExit):\n"
    "                value = error.code\n"
    "                if value is None:\n"
    "                    code = 0\n"
    "                elif type(value) is int or type(value) is bool:\n"
    "                    code = int(value) & 0xFF\n"
    "                else:\n"
    "                    code = 1\n"
    "                    print(value, file=streams[1])\n"
    "            else:\n"
    "                code = 1\n"
    "                tb = error.__traceback__\n"
    "                while tb is not None and tb.tb_frame.f_code is TRAMPOLINE:\n"
    "                    tb = tb.tb_next\n"
    "                traceback.print_exception(type(error), error, tb, file=streams[1])\n"
    "    except BaseException:\n"
    "        code = code or 1\n"
    "    for stream in (sys.stdout, sys.stderr, *streams):\n"
    "        try:\n"
    "            stream.flush()\n"
    "        except BaseException:\n"
    "            pass\n"
    "    return code\n",
    _finish_globals,
)
finish = _finish_globals["finish"]


def restore(g):
    """Resets the interpreter after a run: '' when clean, else why the worker must be recycled."""
    _state["phase"] = RESTORE
    try:
        try:
            _dict_clear(g)
        except BaseException:
            pass
        g = None
        # What prepare itself changed is put back first: only the program's own changes count.
        sys.stdin, sys.stdout, sys.stderr = _STD_STREAMS
        _modules["__main__"] = _MAIN
        gc.collect(1)
        if _restore_containers():
            gc.collect()
            if _restore_containers():
                return "the program changed interpreter state again while it was being reset"
        _restore_scalars()
        linecache.cache.pop(PROGRAM_FILE, None)
        if not _fds_intact():
            return "the program closed a standard file descriptor"
        return _state["taint"]
    except BaseException as error:
        return f"resetting the interpreter failed: {_type(error).__name__}: {error}"
    finally:
        _state["phase"] = FINISH


_STD_STREAMS = (sys.stdin, sys.stdout, sys.stderr)
_MAIN = _modules["__main__"]
_DICTS, _LISTS = _take_snapshot()
# Every program starts from the same random state: a run can be repeated exactly.
random.seed(0)
_SCALARS = {
    "recursion": sys.getrecursionlimit(),
    "digits": sys.get_int_max_str_digits(),
    "cwd": os.getcwd(),
    "random": random.getstate(),
    "gc": gc.get_threshold(),
    "umask": os.umask(0o022),
}
os.umask(_SCALARS["umask"])

(prepare, _trampoline, _enter_finish, finish, restore)
