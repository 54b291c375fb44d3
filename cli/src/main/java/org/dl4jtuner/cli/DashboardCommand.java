package org.dl4jtuner.cli;

import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.dl4jtuner.dashboard.DashboardServer;
import org.dl4jtuner.tuner.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dl4j-tuner dashboard --storage URL [--study NAME] [--port 8080]}: serves the live
 * dashboard until interrupted (Ctrl-C).
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve a live web dashboard of a stored study (it follows runs in other processes).")
final class DashboardCommand implements Callable<Integer> {

    /** The study shown first; optional even when the storage holds several (the page lists them all). */
    @Mixin
    StoredStudyArgs stored;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to listen on; 0.0.0.0 serves other machines too (default: ${DEFAULT-VALUE}).")
    String host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new UserError("--port: must be in 0..65535, but got " + port);
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UserError("--host: '" + host + "' is not an address of this machine (it does not resolve);"
                    + " give 127.0.0.1, 0.0.0.0 or one of this machine's addresses");
        }
        String study = stored.name();
        try (Storage s = stored.open()) {
            if (study != null) {
                stored.find(s);
            }
            DashboardServer server;
            try {
                server = DashboardServer.start(s, study, address);
            } catch (BindException e) {
                throw new UserError((address.getAddress().isAnyLocalAddress() || address.getAddress().isLoopbackAddress()
                        ? "--port: cannot listen on " : "--host/--port: cannot listen on ") + host + ":" + port + " ("
                        + e.getMessage() + "); pick another port (0 for any free one), or an address of this machine");
            } catch (SocketException e) {
                throw new UserError("--host: cannot listen on " + host + ":" + port + " (" + e.getMessage()
                        + "); give 127.0.0.1, 0.0.0.0 or one of this machine's addresses");
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "dashboard-shutdown"));
            PrintWriter out = spec.commandLine().getOut();
            out.println("dashboard: " + server.uri() + (study == null ? "" : " (study '" + study + "')")
                    + "; Ctrl-C stops it");
            out.flush();
            stopped.await();
        }
        return 0;
    }
}
