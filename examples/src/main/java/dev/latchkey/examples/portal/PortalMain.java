package dev.latchkey.examples.portal;

import dev.latchkey.examples.Walkthrough;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The examples' entry point: {@code portal} (the default) starts the demo parent portal;
 * {@code walkthrough} runs the FAQ's scenarios in the terminal instead.
 *
 * <pre>
 * mvn -B -ntp -q -pl examples -am compile exec:java                           # the portal
 * mvn -B -ntp -q -pl examples -am compile exec:java -Dexec.args=walkthrough   # the terminal
 * </pre>
 */
public final class PortalMain {
  private PortalMain() {}

  public static void main(String[] args) throws InterruptedException {
    // Hibernate Validator (inside Latchkey) logs through jboss-logging: send it to slf4j too.
    System.setProperty("org.jboss.logging.provider", "slf4j");
    if (args.length > 0 && args[0].equals("walkthrough")) {
      Walkthrough.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(PortalConfig.USAGE);
      return;
    }
    String[] options = args.length > 0 && args[0].equals("portal")
        ? Arrays.copyOfRange(args, 1, args.length) : args;
    PortalConfig config;
    try {
      config = PortalConfig.parse(options, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(PortalConfig.USAGE);
      System.exit(2);
      return;
    }
    DemoPortal portal;
    try {
      portal = DemoPortal.start(config);
    } catch (RuntimeException e) {
      System.err.println("The portal did not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      portal.close();
      stopped.countDown();
    }, "portal-shutdown"));

    System.out.println();
    System.out.println("Latchkey demo portal: " + portal.url());
    System.out.println("  database: " + portal.database());
    if (config.demo()) {
      portal.issueDemoKey().ifPresentOrElse(
          key -> {
            System.out.println("  \"New User?\" activation key for " + key.guardianName()
                + ": " + key.key());
            System.out.println("     (from the development mailbox: " + portal.url()
                + "dev/mailbox)");
          },
          () -> System.out.println("  every demo guardian has a login; issue a key from the "
              + "helpdesk console, or delete the data folder to start afresh"));
      System.out.println("  helpdesk console: " + portal.url() + "helpdesk"
          + "  (any name, agent passcode " + portal.agentPasscode() + ")");
    }
    System.out.println("Press Ctrl+C to stop.");
    stopped.await();
  }
}
