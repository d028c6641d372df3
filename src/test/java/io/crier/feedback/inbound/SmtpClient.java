package io.crier.feedback.inbound;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain-socket SMTP client on loopback, for tests that need each reply code of the conversation
 * (Angus Mail's Transport hides most of them behind exceptions). Every read has a timeout.
 */
final class SmtpClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final String greeting;

    SmtpClient(int port) {
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(20_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
            greeting = reply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String greeting() {
        return greeting;
    }

    /** Sends one command line and returns the (last line of the) reply. */
    String command(String line) {
        write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return reply();
    }

    /** EHLO, MAIL FROM and each RCPT TO; the replies of the RCPT TOs. */
    java.util.List<String> envelope(String from, String... recipients) {
        command("EHLO tester.example");
        command("MAIL FROM:<" + from + ">");
        java.util.List<String> replies = new java.util.ArrayList<>();
        for (String recipient : recipients) {
            replies.add(command("RCPT TO:<" + recipient + ">"));
        }
        return replies;
    }

    /** DATA, the message (dot-stuffed) and the final dot; the reply to the message. */
    String data(byte[] message) {
        String go = command("DATA");
        if (!go.startsWith("354")) {
            return go;
        }
        String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n.", "\r\n..");
        write(text.getBytes(StandardCharsets.ISO_8859_1));
        write((text.endsWith("\r\n") ? ".\r\n" : "\r\n.\r\n").getBytes(StandardCharsets.US_ASCII));
        return reply();
    }

    /** Sends a message to the recipients in one transaction; the reply to DATA. */
    String send(String from, byte[] message, String... recipients) {
        envelope(from, recipients);
        return data(message);
    }

    void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last line of a reply, or "closed" when the server closed the connection. */
    String reply() {
        try {
            String line = in.readLine();
            while (line != null && line.length() > 3 && line.charAt(3) == '-') {
                line = in.readLine();
            }
            return line == null ? "closed" : line;
        } catch (IOException e) {
            return "closed: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
