import type { Socket } from 'node:net';

/** How long a connection may keep sending after an early answer before it is cut. */
export const LINGER_MS = 3000;

/**
 * Lets a client that is still uploading read an early answer (413, 400) before the connection
 * closes. When Node answers a request whose body is not fully received, it closes the
 * connection right after the answer; more incoming bytes then make the kernel send a reset,
 * and the client may lose the answer it had not read yet (EPIPE / ECONNRESET instead of the
 * 413). Like nginx's "lingering close", this sends the answer and FIN, then keeps reading and
 * discarding — nothing is parsed or kept — until the client stops sending or `ms` pass.
 */
export function lingerBeforeClose(socket: Socket, ms = LINGER_MS): void {
  if ((socket as Socket & { convenioLingering?: boolean }).convenioLingering) return;
  (socket as Socket & { convenioLingering?: boolean }).convenioLingering = true;
  socket.destroySoon = function lingeringDestroySoon(this: Socket): void {
    if (this.destroyed) return;
    const timer = setTimeout(() => this.destroy(), ms);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      this.destroy();
    };
    this.once('end', done);
    this.once('error', done);
    this.end(); // FIN once the answer is written
    this.resume(); // keep draining what the client still sends
  };
}
