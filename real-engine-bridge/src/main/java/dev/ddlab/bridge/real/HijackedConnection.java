package dev.ddlab.bridge.real;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentLengthStrategy;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.DefaultContentLengthStrategy;
import org.apache.hc.core5.http.impl.io.ChunkedInputStream;
import org.apache.hc.core5.http.impl.io.ContentLengthInputStream;
import org.apache.hc.core5.http.impl.io.DefaultHttpRequestWriter;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParser;
import org.apache.hc.core5.http.impl.io.IdentityInputStream;
import org.apache.hc.core5.http.impl.io.SessionInputBufferImpl;
import org.apache.hc.core5.http.impl.io.SessionOutputBufferImpl;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

/**
 * An attach or exec-start request upgraded to a raw stream on a connection of its own, as the
 * docker CLI's hijack does: httpcore5 writes the request and parses the daemon's {@code 101
 * UPGRADED}, then what the learner types is copied from {@code stdin} to the connection on a
 * thread, and the end of {@code stdin} half-closes it (CloseWrite). That half-close is how the
 * daemon learns that a piped stdin ended ({@code echo hi | docker run -i alpine cat} ends cat);
 * docker-java's hijacking executor copies the input but never half-closes, and its unix socket
 * cannot.
 */
final class HijackedConnection implements DockerHttpClient.Response {
  /** Both directions of a connection and its half-close. */
  private interface Conn extends AutoCloseable {
    InputStream in() throws IOException;

    OutputStream out() throws IOException;

    void shutdownOutput() throws IOException;

    @Override
    void close() throws IOException;
  }

  private final Conn conn;
  private final int status;
  private final InputStream body;

  private HijackedConnection(Conn conn, int status, InputStream body) {
    this.conn = conn;
    this.status = status;
    this.body = body;
  }

  /**
   * Sends {@code method path} (a JSON {@code json} body or none) with the upgrade headers and
   * returns the upgraded stream, or throws the daemon's error.
   */
  static HijackedConnection open(
      DockerHost host, SSLContext ssl, String method, String path, byte[] json, InputStream stdin)
      throws IOException {
    Conn conn = connect(host, ssl);
    try {
      BasicClassicHttpRequest request = new BasicClassicHttpRequest(method, path);
      request.setHeader("Host", host.uri().getScheme().equals("unix") ? "docker" : hostOf(host));
      request.setHeader("Upgrade", "tcp");
      request.setHeader("Connection", "Upgrade");
      if (json != null) {
        request.setHeader("Content-Type", "application/json");
        request.setHeader("Content-Length", json.length);
      }
      OutputStream out = conn.out();
      SessionOutputBufferImpl outBuffer = new SessionOutputBufferImpl(8192);
      new DefaultHttpRequestWriter().write(request, outBuffer, out);
      outBuffer.flush(out);
      if (json != null) {
        out.write(json);
      }
      out.flush();
      InputStream in = conn.in();
      SessionInputBufferImpl inBuffer = new SessionInputBufferImpl(8192);
      ClassicHttpResponse response = new DefaultHttpResponseParser().parse(inBuffer, in);
      if (response == null) {
        throw new IOException("the daemon closed the connection");
      }
      int status = response.getCode();
      if (status >= 400) {
        long length = DefaultContentLengthStrategy.INSTANCE.determineLength(response);
        InputStream error =
            length == ContentLengthStrategy.CHUNKED
                ? new ChunkedInputStream(inBuffer, in)
                : length >= 0
                    ? new ContentLengthInputStream(inBuffer, in, length)
                    : new IdentityInputStream(inBuffer, in);
        String text = ApiClient.readAll(error);
        conn.close();
        throw ApiClient.errorOf(status, text);
      }
      if (stdin != null) {
        copyInput(stdin, conn);
      }
      // the upgraded stream runs to the end of the connection
      return new HijackedConnection(conn, status, new IdentityInputStream(inBuffer, in));
    } catch (HttpException e) {
      conn.close();
      throw new IOException(e);
    } catch (IOException | RuntimeException e) {
      conn.close();
      throw e;
    }
  }

  private static String hostOf(DockerHost host) {
    URI u = host.uri();
    return u.getHost() + ":" + u.getPort();
  }

  private static Conn connect(DockerHost host, SSLContext ssl) throws IOException {
    URI u = host.uri();
    if (u.getScheme().equals("unix")) {
      SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(u.getPath()));
      InputStream in = Channels.newInputStream(ch);
      // written straight to the channel: the stream Channels makes would wait for the reader's lock
      OutputStream out =
          new OutputStream() {
            @Override
            public void write(int b) throws IOException {
              write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              ByteBuffer buf = ByteBuffer.wrap(b, off, len);
              while (buf.hasRemaining()) {
                ch.write(buf);
              }
            }
          };
      return new Conn() {
        @Override
        public InputStream in() {
          return in;
        }

        @Override
        public OutputStream out() {
          return out;
        }

        @Override
        public void shutdownOutput() throws IOException {
          ch.shutdownOutput();
        }

        @Override
        public void close() throws IOException {
          ch.close();
        }
      };
    }
    Socket socket =
        ssl != null
            ? ssl.getSocketFactory().createSocket(u.getHost(), u.getPort())
            : new Socket(u.getHost(), u.getPort());
    return new Conn() {
      @Override
      public InputStream in() throws IOException {
        return socket.getInputStream();
      }

      @Override
      public OutputStream out() throws IOException {
        return socket.getOutputStream();
      }

      @Override
      public void shutdownOutput() throws IOException {
        socket.shutdownOutput(); // TLS 1.3 half-closes; older TLS cannot
      }

      @Override
      public void close() throws IOException {
        socket.close();
      }
    };
  }

  /** What is typed goes to the daemon; the end of it half-closes the connection. */
  private static void copyInput(InputStream stdin, Conn conn) throws IOException {
    OutputStream out = conn.out();
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[4096];
              try {
                for (int n = stdin.read(buf); n >= 0; n = stdin.read(buf)) {
                  out.write(buf, 0, n);
                  out.flush();
                }
                conn.shutdownOutput();
              } catch (IOException | UnsupportedOperationException e) {
                // the stream is over (closed by the daemon or a detach), or cannot half-close
              }
            },
            "ddlab-attach-stdin");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public int getStatusCode() {
    return status;
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return Map.of();
  }

  @Override
  public InputStream getBody() {
    return body;
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
