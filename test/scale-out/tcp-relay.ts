/**
 * A TCP relay on 127.0.0.1 in front of a real Postgres, which a test can break: `cut()` destroys
 * every open connection and drops new ones on arrival until `restore()` (a failover or a network
 * partition); `loseNextCommitReply()` lets the next COMMIT reach the server and then drops the
 * connection before the answer comes back (the write happened, its acknowledgement was lost).
 */
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface RelayStats {
  /** Connections relayed to the target. */
  relayed: number;
  /** Connections dropped on arrival while cut. */
  refused: number;
  /** Open connections destroyed by `cut()`. */
  severed: number;
  /** COMMITs the server answered whose answer was dropped with the connection. */
  lostCommitReplies: number;
}

interface Pair {
  client: Socket;
  upstream: Socket;
  /** A COMMIT went through; the server's answer must not. */
  swallowReply: boolean;
}

// A simple-protocol query message: 'Q', int32 length, the SQL text, NUL. pg sends COMMIT this way.
const COMMIT_TEXT = Buffer.from('commit\0', 'latin1');

function isCommit(chunk: Buffer): boolean {
  for (let at = chunk.indexOf(COMMIT_TEXT); at !== -1; at = chunk.indexOf(COMMIT_TEXT, at + 1)) {
    if (at >= 5 && chunk[at - 5] === 0x51 /* 'Q' */ && chunk.readInt32BE(at - 4) === 4 + COMMIT_TEXT.length) return true;
  }
  return false;
}

export class TcpRelay {
  readonly stats: RelayStats = { relayed: 0, refused: 0, severed: 0, lostCommitReplies: 0 };
  private readonly pairs = new Set<Pair>();
  private down = false;
  private commitTrap = false;

  private constructor(private readonly server: Server) {}

  static async start(target: { host: string; port: number }): Promise<TcpRelay> {
    let relay: TcpRelay | undefined;
    const server = createServer((client) => relay?.accept(client, target));
    relay = new TcpRelay(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return relay;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get isCut(): boolean {
    return this.down;
  }

  /** Destroys every relayed connection and drops new ones until `restore()`. */
  cut(): void {
    this.down = true;
    for (const pair of [...this.pairs]) {
      this.stats.severed++;
      this.teardown(pair);
    }
  }

  restore(): void {
    this.down = false;
  }

  /** The next COMMIT is delivered and executed, but its connection dies before the reply. */
  loseNextCommitReply(): void {
    this.commitTrap = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    if (this.down) {
      this.stats.refused++;
      client.destroy();
      return;
    }
    this.stats.relayed++;
    const pair: Pair = { client, upstream: createConnection(target), swallowReply: false };
    this.pairs.add(pair);
    const teardown = () => this.teardown(pair);
    // Errors end the pair; the peers see a dropped connection, as they would on a real cut.
    client.on('error', teardown).on('close', teardown);
    pair.upstream.on('error', teardown).on('close', teardown);
    client.on('data', (chunk: Buffer) => {
      if (this.commitTrap && isCommit(chunk)) {
        this.commitTrap = false;
        pair.swallowReply = true;
      }
      pair.upstream.write(chunk);
    });
    pair.upstream.on('data', (chunk: Buffer) => {
      if (pair.swallowReply) {
        // The server has executed the COMMIT (it is answering): drop the answer and the connection.
        this.stats.lostCommitReplies++;
        teardown();
        return;
      }
      client.write(chunk);
    });
  }

  private teardown(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    pair.client.destroy();
    pair.upstream.destroy();
  }
}
