/** The pending transitions of each task (start, health, crash, stop), so a stop or close cancels them. */
export class TaskTimers {
  private readonly byTask = new Map<string, (() => void)[]>();
  private closed = false;

  add(taskArn: string, cancel: () => void): void {
    if (this.closed) {
      cancel();
      return;
    }
    this.byTask.set(taskArn, [...(this.byTask.get(taskArn) ?? []), cancel]);
  }

  cancel(taskArn: string): void {
    for (const cancel of this.byTask.get(taskArn) ?? []) cancel();
    this.byTask.delete(taskArn);
  }

  /** Cancels every pending transition; later ones are cancelled as they are added. */
  close(): void {
    for (const taskArn of [...this.byTask.keys()]) this.cancel(taskArn);
    this.closed = true;
  }
}
