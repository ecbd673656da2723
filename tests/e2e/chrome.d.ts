// Code passed to worker.evaluate() runs in the extension's service worker, where `chrome` exists. Only the calls the
// tests make are declared.
declare const chrome: {
  action: {
    getBadgeText(details: { tabId: number }): Promise<string>;
    getTitle(details: { tabId: number }): Promise<string>;
    openPopup(): Promise<void>;
  };
  tabs: {
    query(q: { active?: boolean; lastFocusedWindow?: boolean }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
  windows: {
    create(data: { incognito?: boolean; url?: string }): Promise<{ id?: number }>;
    remove(id: number): Promise<void>;
  };
  runtime: { id: string; getManifest(): { version: string; name: string } };
};
