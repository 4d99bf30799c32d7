import type * as vscode from 'vscode';

/**
 * A small owner of disposables: each long-lived object registers its children
 * once and disposes them in reverse order (one owner per disposable).
 */
export abstract class Disposable implements vscode.Disposable {
  private readonly children: vscode.Disposable[] = [];
  private disposed = false;

  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.children.push(d);
    return d;
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeAll(this.children.splice(0).reverse());
  }
}

export function disposeAll(items: Iterable<vscode.Disposable>): void {
  for (const d of items) {
    try {
      d.dispose();
    } catch {
      // One failing child must not keep the others alive.
    }
  }
}
