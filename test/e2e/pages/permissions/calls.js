// The test page's own script: calls powerful APIs the way sites do, notes what the page saw, and
// computes a fingerprint of the hooked methods that must be the same with and without ConsentLens.
//   ?load=a,b   call these on load (from this <head> script, before the DOM exists)
//   ?click=a,b  call these when #call is clicked
(function () {
  var params = new URLSearchParams(location.search);
  var results = [];
  window.__results = results;
  function note(name, kind, value) {
    results.push({ name: name, kind: kind, value: value });
  }
  function kindOf(value) {
    if (value === null || value === undefined) return String(value);
    if (typeof value !== 'object') return typeof value + ':' + String(value);
    return Object.prototype.toString.call(value);
  }
  function geo(method) {
    return function () {
      var id = navigator.geolocation[method](
        function (position) {
          note(method, 'ok', typeof position.coords.latitude);
          if (method === 'watchPosition') navigator.geolocation.clearWatch(id);
        },
        function (error) {
          note(method, 'err', error.code);
          if (method === 'watchPosition') navigator.geolocation.clearWatch(id);
        },
        { timeout: 3000 },
      );
    };
  }
  var calls = {
    geolocation: geo('getCurrentPosition'),
    watch: geo('watchPosition'),
    notifications: function () { return Notification.requestPermission(); },
    query: function () { return navigator.permissions.query({ name: 'geolocation' }); },
    'query-notifications': function () { return navigator.permissions.query({ name: 'notifications' }); },
    camera: function () { return navigator.mediaDevices.getUserMedia({ video: true }); },
    'camera-microphone': function () { return navigator.mediaDevices.getUserMedia({ video: true, audio: true }); },
    display: function () { return navigator.mediaDevices.getDisplayMedia({ video: true }); },
    clipboard: function () { return navigator.clipboard.readText(); },
    'clipboard-read': function () { return navigator.clipboard.read(); },
    midi: function () { return navigator.requestMIDIAccess(); },
    idle: function () { return IdleDetector.requestPermission(); },
    storage: function () { return document.requestStorageAccess(); },
    screens: function () { return window.getScreenDetails(); },
    fonts: function () { return window.queryLocalFonts(); },
    wakelock: function () { return navigator.wakeLock.request('screen'); },
    bluetooth: function () { return navigator.bluetooth.requestDevice({ acceptAllDevices: true }); },
    usb: function () { return navigator.usb.requestDevice({ filters: [] }); },
    serial: function () { return navigator.serial.requestPort(); },
    hid: function () { return navigator.hid.requestDevice({ filters: [] }); },
  };
  function run(name) {
    try {
      var result = calls[name]();
      if (result && typeof result.then === 'function') {
        result.then(
          function (value) { note(name, 'ok', kindOf(value)); },
          function (error) { note(name, 'err', error && error.name); },
        );
      }
    } catch (error) {
      note(name, 'throw', error.name + ': ' + error.message);
    }
  }
  window.__run = run;
  function list(key) {
    return (params.get(key) || '').split(',').filter(Boolean);
  }
  list('load').forEach(run);
  document.addEventListener('DOMContentLoaded', function () {
    var button = document.getElementById('call');
    if (button) button.addEventListener('click', function () { list('click').forEach(run); });
  });

  // ---- The fingerprint: everything a page could look at to tell whether the methods were replaced.
  function caught(fn) {
    try {
      var value = fn();
      return { value: kindOf(value) };
    } catch (error) {
      return { name: error && error.name, message: error && error.message, stack: error && error.stack };
    }
  }
  function settled(promise) {
    return promise.then(
      function (value) { return { value: kindOf(value) }; },
      function (error) { return { name: error && error.name, message: error && error.message, stack: error && error.stack }; },
    );
  }
  function describeDescriptor(desc) {
    if (!desc) return null;
    var out = {};
    Object.keys(desc).forEach(function (key) {
      var value = desc[key];
      out[key] = typeof value === 'function' ? 'function ' + value.name : value;
    });
    return out;
  }
  function describeFunction(fn) {
    var own = {};
    Object.getOwnPropertyNames(fn).forEach(function (key) { own[key] = describeDescriptor(Object.getOwnPropertyDescriptor(fn, key)); });
    return {
      toString: String(fn),
      functionToString: Function.prototype.toString.call(fn),
      toStringToString: fn.toString.toString(),
      name: fn.name,
      length: fn.length,
      own: own,
      ownSymbols: Object.getOwnPropertySymbols(fn).length,
      proto: Object.getPrototypeOf(fn) === Function.prototype,
      hasPrototype: 'prototype' in fn,
      construct: caught(function () { return new fn(); }),
      caller: caught(function () { return fn.caller; }),
      args: caught(function () { return fn.arguments; }),
      bound: String(fn.bind(null)),
      extensible: Object.isExtensible(fn),
    };
  }
  var HOOKED = [
    ['Geolocation.prototype', window.Geolocation && Geolocation.prototype, ['getCurrentPosition', 'watchPosition']],
    ['Notification', window.Notification, ['requestPermission']],
    ['PushManager.prototype', window.PushManager && PushManager.prototype, ['subscribe']],
    ['MediaDevices.prototype', window.MediaDevices && MediaDevices.prototype, ['getUserMedia', 'getDisplayMedia']],
    ['Permissions.prototype', window.Permissions && Permissions.prototype, ['query']],
    ['Clipboard.prototype', window.Clipboard && Clipboard.prototype, ['read', 'readText']],
    ['Bluetooth.prototype', window.Bluetooth && Bluetooth.prototype, ['requestDevice']],
    ['USB.prototype', window.USB && USB.prototype, ['requestDevice']],
    ['Serial.prototype', window.Serial && Serial.prototype, ['requestPort']],
    ['HID.prototype', window.HID && HID.prototype, ['requestDevice']],
    ['Navigator.prototype', Navigator.prototype, ['requestMIDIAccess']],
    ['IdleDetector', window.IdleDetector, ['requestPermission']],
    ['Document.prototype', Document.prototype, ['requestStorageAccess']],
    ['window', window, ['getScreenDetails', 'queryLocalFonts']],
    ['WakeLock.prototype', window.WakeLock && WakeLock.prototype, ['request']],
    ['ContactsManager.prototype', window.ContactsManager && window.ContactsManager.prototype, ['select']],
    ['Function.prototype', Function.prototype, ['toString']],
  ];
  window.__fingerprint = function () {
    var out = { methods: {}, globals: Object.getOwnPropertyNames(window).sort(), documentProps: Object.getOwnPropertyNames(document).sort() };
    HOOKED.forEach(function (entry) {
      var holder = entry[1];
      entry[2].forEach(function (key) {
        var id = entry[0] + '.' + key;
        var desc = holder ? Object.getOwnPropertyDescriptor(holder, key) : undefined;
        if (!desc) return void (out.methods[id] = 'absent');
        out.methods[id] = { descriptor: describeDescriptor(desc), fn: typeof desc.value === 'function' ? describeFunction(desc.value) : null };
      });
    });
    // Exceptions of wrong calls: the same type, message and stack.
    out.throws = {
      geolocationNoArgs: caught(function () { return navigator.geolocation.getCurrentPosition(); }),
      geolocationNotAFunction: caught(function () { return navigator.geolocation.getCurrentPosition(42); }),
      geolocationBadErrorCallback: caught(function () { return navigator.geolocation.watchPosition(function () {}, 42); }),
      geolocationWrongThis: caught(function () { return Geolocation.prototype.getCurrentPosition.call({}, function () {}); }),
      toStringWrongThis: caught(function () { return Function.prototype.toString.call({}); }),
      notificationWrongThis: caught(function () { return Notification.requestPermission.call(42); }),
    };
    var pending = {
      queryNoArgs: settled(navigator.permissions.query()),
      queryUnknown: settled(navigator.permissions.query({ name: 'no-such-permission' })),
      queryWrongThis: settled(Permissions.prototype.query.call({}, { name: 'geolocation' })),
      getUserMediaNoArgs: settled(navigator.mediaDevices.getUserMedia()),
      getUserMediaEmpty: settled(navigator.mediaDevices.getUserMedia({})),
      notificationResult: settled(Notification.requestPermission()),
      queryResult: navigator.permissions.query({ name: 'geolocation' }).then(function (status) {
        return { type: Object.prototype.toString.call(status), state: status.state, isStatus: status instanceof PermissionStatus };
      }),
      promiseShape: (function () {
        var p = navigator.permissions.query({ name: 'notifications' });
        return Promise.resolve({ type: Object.prototype.toString.call(p), isPromise: p instanceof Promise, proto: Object.getPrototypeOf(p) === Promise.prototype, ownKeys: Reflect.ownKeys(p).length });
      })(),
      // A page's callback: the same argument, `this`, and no extension frame on its stack.
      callback: new Promise(function (resolve) {
        navigator.geolocation.getCurrentPosition(
          function (position) {
            resolve({ ok: true, arg: Object.prototype.toString.call(position), self: this === window, args: arguments.length, stack: new Error('in callback').stack });
          },
          function (error) {
            resolve({ ok: false, code: error.code, arg: Object.prototype.toString.call(error), self: this === window, args: arguments.length, stack: new Error('in callback').stack });
          },
          { timeout: 3000 },
        );
      }),
      // A rejection nobody handles is still reported to the page.
      unhandled: new Promise(function (resolve) {
        function listener(event) {
          window.removeEventListener('unhandledrejection', listener);
          event.preventDefault();
          resolve({ reason: event.reason && event.reason.name, isPromise: event.promise instanceof Promise });
        }
        window.addEventListener('unhandledrejection', listener);
        navigator.mediaDevices.getUserMedia(); // rejects with a TypeError, unhandled
        setTimeout(function () { resolve('no unhandledrejection'); }, 2000);
      }),
    };
    var keys = Object.keys(pending);
    return Promise.all(keys.map(function (key) { return pending[key]; })).then(function (values) {
      out.promises = {};
      keys.forEach(function (key, i) { out.promises[key] = values[i]; });
      return out;
    });
  };
})();
