package io.crier.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * A small authoritative DNS server on a loopback UDP port, answering from the records a test
 * writes: TXT (values longer than 255 characters are split into strings, as DNS tools do) and MX.
 * Names the test made silent get no answer at all, as from a server that is down. Built on
 * dnsjava's wire format, so tests need no DNS package installed.
 */
public final class TestDnsServer implements AutoCloseable {

    private static final long TTL = 60;

    private final DatagramSocket socket;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Set<Name> silent = ConcurrentHashMap.newKeySet();
    private final AtomicInteger queries = new AtomicInteger();
    private final Thread thread;

    public TestDnsServer() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        thread = Thread.ofPlatform().daemon().name("test-dns").start(this::serve);
    }

    /** host:port, as crier.dns.servers takes it. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public void txt(String name, String value) {
        Name owner = name(name);
        records.computeIfAbsent(owner, n -> new CopyOnWriteArrayList<>())
                .add(new TXTRecord(owner, DClass.IN, TTL, split(value)));
    }

    public void mx(String name, int priority, String host) {
        Name owner = name(name);
        records.computeIfAbsent(owner, n -> new CopyOnWriteArrayList<>())
                .add(new MXRecord(owner, DClass.IN, TTL, priority, name(host)));
    }

    /** Forgets every record of the name. */
    public void remove(String name) {
        records.remove(name(name));
    }

    /** Queries for the name get no answer from now on. */
    public void silence(String name) {
        silent.add(name(name));
    }

    public int queries() {
        return queries.get();
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                queries.incrementAndGet();
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Message answer = answer(query);
                if (answer != null) {
                    byte[] wire = answer.toWire();
                    socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private Message answer(Message query) {
        Record question = query.getQuestion();
        if (silent.contains(question.getName())) {
            return null;
        }
        Message answer = new Message(query.getHeader().getID());
        answer.getHeader().setFlag(Flags.QR);
        answer.getHeader().setFlag(Flags.AA);
        answer.addRecord(question, Section.QUESTION);
        List<Record> ofName = records.get(question.getName());
        if (ofName == null) {
            answer.getHeader().setRcode(Rcode.NXDOMAIN);
            return answer;
        }
        for (Record record : ofName) {
            if (record.getType() == question.getType()) {
                answer.addRecord(record, Section.ANSWER);
            }
        }
        return answer;
    }

    private static List<String> split(String value) {
        List<String> strings = new ArrayList<>();
        for (int start = 0; start < value.length(); start += 255) {
            strings.add(value.substring(start, Math.min(value.length(), start + 255)));
        }
        return strings;
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name.toLowerCase(Locale.ROOT), Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
