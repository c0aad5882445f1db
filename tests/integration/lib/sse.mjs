// A Server-Sent Events client for the conversation stream: POSTs JSON with the
// client's cookies and the conduit token, parses events as they arrive, and can
// drop the connection after a number of events (to test resume).
import http from 'node:http';

export function parseEvents(text) {
  const events = [];
  for (const block of text.split('\n\n')) {
    if (!block.trim()) continue;
    let event = null;
    const data = [];
    let comment = false;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comment = true;
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (comment && !data.length) continue;
    events.push({ event, data: data.join('\n') });
  }
  return events;
}

// Resolves { status, headers, events, text, json, dropped }.
export function streamPost(port, path, body, { headers = {}, dropAfter = 0, timeout = 120000, onEvent } = {}) {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1', port, method: 'POST', path, agent: false,
        headers: { 'Content-Type': 'application/json', 'Content-Length': payload.length, ...headers },
      },
      (res) => {
        let buf = '';
        const events = [];
        let dropped = false;
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          // Once dropped, nothing more counts: events that came in the same chunk as the last
          // one kept were never "received" (a resume must start right after dropAfter events).
          if (dropped) return;
          buf += chunk;
          let cut;
          while (!dropped && (cut = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, cut + 2);
            buf = buf.slice(cut + 2);
            for (const ev of parseEvents(block)) {
              events.push({ ...ev, at: Date.now() });
              if (onEvent) onEvent(ev, events.length);
              if (dropAfter && events.length >= dropAfter) {
                dropped = true;
                req.destroy();
                clearTimeout(timer);
                resolve({ status: res.statusCode, headers: res.headers, events, dropped: true });
                break;
              }
            }
          }
        });
        res.on('end', () => {
          clearTimeout(timer);
          if (dropped) return;
          let json;
          try {
            json = JSON.parse(buf);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, headers: res.headers, events, text: buf, json, dropped: false });
        });
        res.on('error', (err) => {
          clearTimeout(timer);
          if (!dropped) reject(err);
        });
        // A stream cut by the server (a killed worker, a web server that closes it) ends
        // without 'end': the timer must not keep the test process alive until it fires.
        res.on('close', () => {
          clearTimeout(timer);
          if (!dropped && !res.complete) reject(new Error(`${path}: the stream was cut`));
        });
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`${path}: stream not finished in ${timeout} ms`)), timeout);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(payload);
  });
}

// The JSON payloads of delta events, in order.
export function deltas(events) {
  return events.filter((e) => e.event === 'delta').map((e) => JSON.parse(e.data));
}

// Non-delta JSON data events ({type: ...}).
export function typed(events) {
  return events
    .filter((e) => e.event === null && e.data !== '[DONE]')
    .map((e) => JSON.parse(e.data));
}
