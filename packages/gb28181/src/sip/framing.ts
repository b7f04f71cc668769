// SIP over TCP (RFC 3261 §18.3): messages follow each other on the stream; each ends after its headers'
// blank line plus Content-Length body bytes (mandatory over TCP). CRLF keep-alives between messages
// (RFC 5626 §4.4.1) are skipped. Pure; never throws. A peer that sends a header section longer than the
// limit, or no Content-Length, is a framing error: the caller closes the connection.
import { headerEnd, MAX_MESSAGE } from "./message";

export type Framed = { kind: "message"; bytes: Buffer } | { kind: "error"; message: string };

export class SipStreamFramer {
  private buf: Buffer = Buffer.alloc(0);
  private failed = false;

  push(chunk: Buffer): Framed[] {
    if (this.failed) return [];
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: Framed[] = [];
    for (;;) {
      let skip = 0;
      while (skip < this.buf.length && (this.buf[skip] === 0x0d || this.buf[skip] === 0x0a)) skip++;
      if (skip > 0) this.buf = this.buf.subarray(skip);
      const end = headerEnd(this.buf);
      if (!end) {
        if (this.buf.length > MAX_MESSAGE) out.push(this.fail("header section larger than 64 KB"));
        break;
      }
      const head = this.buf.toString("latin1", 0, end.at);
      const cl = /(?:^|\n)(?:content-length|l)[ \t]*:[ \t]*(\d+)/i.exec(head);
      if (!cl) {
        out.push(this.fail("a SIP message over TCP without Content-Length"));
        break;
      }
      const total = end.at + end.len + Number(cl[1]);
      if (total > MAX_MESSAGE) {
        out.push(this.fail(`a SIP message of ${total} bytes`));
        break;
      }
      if (this.buf.length < total) break;
      out.push({ kind: "message", bytes: Buffer.from(this.buf.subarray(0, total)) });
      this.buf = this.buf.subarray(total);
    }
    return out;
  }

  private fail(message: string): Framed {
    this.failed = true;
    this.buf = Buffer.alloc(0);
    return { kind: "error", message };
  }
}
