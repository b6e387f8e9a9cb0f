package io.z3chat.persistence.store;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import jakarta.inject.Singleton;
import org.bson.BsonDocument;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test-only: the service's own MongoDB client reports every command here while recording is on. */
@Singleton
public class RecordingCommandListener implements CommandListener {

    private final List<BsonDocument> commands = new CopyOnWriteArrayList<>();
    private volatile boolean recording;

    public void start() {
        commands.clear();
        recording = true;
    }

    public List<BsonDocument> stop() {
        recording = false;
        return List.copyOf(commands);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (recording && "z3chat".equals(event.getDatabaseName())) {
            commands.add(event.getCommand().clone());
        }
    }
}
