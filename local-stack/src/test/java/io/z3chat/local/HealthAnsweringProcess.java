package io.z3chat.local;

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A stand-in child process for tests: answers 200 on every path of 127.0.0.1:{@code args[0]} until killed. */
public final class HealthAnsweringProcess {

    private HealthAnsweringProcess() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        Thread.currentThread().join();
    }
}
