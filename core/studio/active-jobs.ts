/**
 * The long jobs still going (evaluations, searches): their handles, so a cancel or stop reaches
 * them, and their events so far, so a page that connects or reconnects mid-job is replayed its
 * progress, as it is for runs. A job's events are dropped once it ends: its results are stored.
 */

/** How a kind of job names itself and marks its sessions in its events. */
export interface JobKind<Handle, Event> {
  idOfHandle(handle: Handle): string;
  idOfEvent(event: Event): string;
  /** The event that begins a session (a resume begins a new one: the replay starts there). */
  starts(event: Event): boolean;
  /** The event after which nothing more comes. */
  ends(event: Event): boolean;
}

export class ActiveJobs<Handle extends { done: Promise<unknown> }, Event> {
  private readonly handles = new Map<string, Handle>();
  /** Events by job, kept from its latest session's start until it ends. */
  private readonly backlog = new Map<string, Event[]>();

  constructor(private readonly kind: JobKind<Handle, Event>) {}

  /** Keeps an event for the replay; events can arrive before `track` (a runner emits its start while it starts). */
  record(event: Event): void {
    const id = this.kind.idOfEvent(event);
    if (this.kind.ends(event)) {
      this.backlog.delete(id);
      return;
    }
    const events = this.backlog.get(id) ?? [];
    if (this.kind.starts(event)) events.length = 0;
    events.push(event);
    this.backlog.set(id, events);
  }

  /** Remembers a started job until its `done` settles (either way). */
  track(handle: Handle): void {
    const id = this.kind.idOfHandle(handle);
    this.handles.set(id, handle);
    const forget = () => {
      if (this.handles.get(id) === handle) this.handles.delete(id);
      this.backlog.delete(id);
    };
    handle.done.then(forget, forget);
  }

  get(id: string): Handle | undefined {
    return this.handles.get(id);
  }

  /** Every event so far of the jobs still going, each job's in order. */
  events(): Event[] {
    return [...this.backlog.values()].flat();
  }

  /** Ends every job with `end` and waits until each has written its status (completed work is kept). */
  async endAll(end: (handle: Handle) => void): Promise<void> {
    const running = [...this.handles.values()];
    for (const handle of running) end(handle);
    await Promise.all(running.map((handle) => handle.done.catch(() => undefined)));
  }
}
