package io.z3chat.persistence.support;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * mongo-java-server with MongoDB's guarantee that one command is atomic and answers with its own result. On its
 * own the test server updates documents in place and answers a {@code findAndModify} with the live document,
 * encoded only after the collection's lock is released, so under concurrency a command could answer with another
 * command's later write (seen: ten concurrent {@code $inc}s, two of them answered with the same count). Here every
 * command runs alone and its answer is copied before the next one starts; what runs between commands still
 * interleaves, as it does on a real server.
 */
final class AtomicCommandsBackend implements MongoBackend {

    private final MongoBackend store;

    AtomicCommandsBackend(MongoBackend store) {
        this.store = store;
    }

    @Override
    public synchronized Document handleMessage(MongoMessage message) {
        return store.handleMessage(message).cloneDeeply();
    }

    @Override
    public synchronized Document handleCommand(Channel channel, String database, String command, Document query) {
        return store.handleCommand(channel, database, command, query).cloneDeeply();
    }

    @Override
    public synchronized QueryResult handleQuery(MongoQuery query) {
        return store.handleQuery(query);
    }

    @Override
    public synchronized void handleClose(Channel channel) {
        store.handleClose(channel);
    }

    @Override
    public synchronized void dropDatabase(String database) {
        store.dropDatabase(database);
    }

    @Override
    public synchronized Collection<Document> getCurrentOperations(MongoQuery query) {
        return store.getCurrentOperations(query);
    }

    @Override
    public synchronized Document getServerStatus() {
        return store.getServerStatus();
    }

    @Override
    public synchronized void close() {
        store.close();
    }

    @Override
    public synchronized void closeCursors(List<Long> cursorIds) {
        store.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return store.getClock();
    }

    @Override
    public synchronized void enableOplog() {
        store.enableOplog();
    }

    @Override
    public synchronized void disableOplog() {
        store.disableOplog();
    }

    @Override
    public synchronized MongoDatabase resolveDatabase(String database) {
        return store.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        store.version(version);
        return this;
    }
}
