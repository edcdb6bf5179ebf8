import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Starts a real Solr 9 HTTP server (context /solr) from a Solr home, for CKAN's integration tests.
 *
 * Solr's binary distribution (bin/solr + server/) is not on Maven Central, but solr-core and
 * solr-test-framework are; the test framework's JettySolrRunner is the same embedded Jetty + Solr
 * dispatch filter Solr's own tests use. It binds 127.0.0.1 only.
 *
 * Usage: CkanSolr SOLR_HOME PORT PORT_FILE   (PORT 0 = ephemeral; the bound port is written to
 * PORT_FILE once the cores are loaded, so a caller can wait for that file).
 */
public final class CkanSolr {
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: CkanSolr SOLR_HOME PORT PORT_FILE");
      System.exit(2);
    }
    String solrHome = args[0];
    int port = Integer.parseInt(args[1]);
    Path portFile = Path.of(args[2]);

    JettyConfig config = JettyConfig.builder()
        .setPort(port)
        .setContext("/solr")
        // Block start() until the ckan core is loaded, so "port file exists" means "ready".
        .waitForLoadingCoresToFinish(120_000L)
        .build();
    JettySolrRunner runner = new JettySolrRunner(solrHome, config);
    runner.start();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        runner.stop();
      } catch (Exception e) {
        e.printStackTrace();
      } finally {
        stopped.countDown();
      }
    }));

    // Write atomically: readers must never see a half-written port.
    Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(tmp, Integer.toString(runner.getLocalPort()), StandardCharsets.US_ASCII);
    Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    System.out.println("solr listening on 127.0.0.1:" + runner.getLocalPort() + "/solr");
    stopped.await();
  }
}
