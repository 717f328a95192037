// google.script.run and google.script.host inside a sidebar or dialog, relayed over postMessage to the playground page.
// Plain script (no modules) so any sidebar can host it; the page (the iframe's parent) relays calls to POST /api/run.
((frameId) => {
  const w = window;
  const pending = {};
  let seq = 0;

  function post(message) {
    message.kartoteka = 'sidebar';
    message.frameId = frameId;
    w.parent.postMessage(message, '*');
  }

  function illegal(path) {
    return new Error('Failed due to illegal value in property: ' + path);
  }

  // google.script.run refuses Dates, functions, DOM nodes (except a lone form) and cycles before anything is sent.
  function check(value, path, seen) {
    if (value === null || value === undefined) return;
    const t = typeof value;
    if (t === 'function' || t === 'symbol') throw illegal(path);
    if (t !== 'object') return;
    if (Object.prototype.toString.call(value) === '[object Date]' || (w.Node && value instanceof w.Node)) {
      throw illegal(path);
    }
    if (seen.indexOf(value) >= 0) throw illegal(path);
    seen.push(value);
    for (const k in value) if (Object.hasOwn(value, k)) check(value[k], k, seen);
    seen.pop();
  }

  function formToObject(form) {
    const out = {};
    for (let i = 0; i < form.elements.length; i++) {
      const el = form.elements[i];
      if (!el.name || el.disabled || el.type === 'file') continue;
      if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) continue;
      out[el.name] = el.value;
    }
    return out;
  }

  function runner(success, failure, userObject) {
    return new Proxy(
      {},
      {
        get: (_target, name) => {
          if (name === 'withSuccessHandler') return (fn) => runner(fn, failure, userObject);
          if (name === 'withFailureHandler') return (fn) => runner(success, fn, userObject);
          if (name === 'withUserObject') return (obj) => runner(success, failure, obj);
          if (typeof name !== 'string' || name === 'then') return undefined;
          return (...callArgs) => {
            let args = callArgs;
            if (args.length === 1 && w.HTMLFormElement && args[0] instanceof w.HTMLFormElement) {
              args = [formToObject(args[0])];
            }
            for (let i = 0; i < args.length; i++) check(args[i], String(i), []);
            seq += 1;
            const id = frameId + ':' + seq;
            pending[id] = { success: success, failure: failure, userObject: userObject };
            post({ type: 'run', id: id, fn: name, args: JSON.parse(JSON.stringify(args)) });
          };
        },
      },
    );
  }

  w.addEventListener('message', (event) => {
    const data = event.data;
    if (event.source !== w.parent || !data || data.kartoteka !== 'result' || !pending[data.id]) return;
    const call = pending[data.id];
    delete pending[data.id];
    if (data.ok) {
      if (call.success) call.success(data.undefined ? undefined : data.value, call.userObject);
      return;
    }
    const error = new Error(data.message);
    error.name = data.name || 'ScriptError';
    if (call.failure) call.failure(error, call.userObject);
    else console.error(error);
  });

  w.google = w.google || {};
  w.google.script = {
    run: runner(),
    host: {
      origin: 'https://docs.google.com',
      close: () => {
        post({ type: 'close' });
      },
      setHeight: (h) => {
        post({ type: 'size', height: Number(h) });
      },
      setWidth: (px) => {
        post({ type: 'size', width: Number(px) });
      },
      editor: {
        focus: () => {
          post({ type: 'focus' });
        },
      },
    },
    url: {
      getLocation: (cb) => {
        cb({ hash: '', parameter: {}, parameters: {} });
      },
    },
    history: { push: () => {}, replace: () => {}, setChangeHandler: () => {} },
  };
})(__FRAME_ID__);
