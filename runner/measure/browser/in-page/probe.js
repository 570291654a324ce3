// The in-page probe, installed as an init script before any fixture code runs: the fixture carries no
// instrumentation. Plain JavaScript on purpose: it is sent to the page as text, untouched by any compiler.
//
// Protocol: arm(trigger, expect, marks) before the click; result(timeoutMs) resolves after the end.
//   input = the click's event.timeStamp: when the browser received the input, the start Event Timing and INP use;
//   start = performance.now() in a capture-phase click listener, when the click reaches the armed trigger
//           (start - input is the input delay);
//   end   = performance.now() in the MutationObserver callback that first sees every state of `expect` in the DOM;
//   marks = by name, performance.now() in the callback that first sees that mark's state (after the click);
//   frame = the next animation frame after the end (when the change can be painted).
// A state is { selector, text }: an element matching the selector shows exactly the text.
(() => {
  let armed = null;

  const shows = (state) =>
    Array.from(document.querySelectorAll(state.selector)).some((element) => element.textContent.trim() === state.text);

  window.addEventListener(
    'click',
    (event) => {
      if (armed && armed.startMs === undefined && armed.trigger.contains(event.target)) {
        armed.startMs = performance.now();
        armed.inputMs = event.timeStamp;
      }
    },
    true,
  );

  window.__mutationBench = {
    arm(trigger, expect, marks) {
      for (const shown of [...expect, ...Object.values(marks)]) {
        if (shows(shown)) throw new Error(`the page already shows "${shown.text}" before the click`);
      }
      const state = {
        trigger,
        expect,
        inputMs: undefined,
        startMs: undefined,
        endMs: undefined,
        frameMs: undefined,
        marks: {},
      };
      state.done = new Promise((resolve) => {
        state.observer = new MutationObserver(() => {
          if (state.startMs === undefined || state.endMs !== undefined) return;
          const now = performance.now();
          for (const [name, shown] of Object.entries(marks))
            if (state.marks[name] === undefined && shows(shown)) state.marks[name] = now;
          if (!expect.every(shows)) return;
          state.endMs = now;
          state.observer.disconnect();
          requestAnimationFrame(() => {
            state.frameMs = performance.now();
            resolve();
          });
        });
        state.observer.observe(document, { subtree: true, childList: true, characterData: true });
      });
      armed = state;
    },

    async result(timeoutMs) {
      const state = armed;
      if (!state) throw new Error('result() before arm()');
      let timer;
      const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      const outcome = await Promise.race([state.done, timedOut]);
      clearTimeout(timer);
      state.observer.disconnect();
      armed = null;
      return {
        timedOut: outcome === 'timeout',
        clicked: state.startMs !== undefined,
        inputMs: state.inputMs ?? null,
        startMs: state.startMs ?? null,
        endMs: state.endMs ?? null,
        frameMs: state.frameMs ?? null,
        marks: state.marks,
        timeOrigin: performance.timeOrigin,
      };
    },
  };
})();
