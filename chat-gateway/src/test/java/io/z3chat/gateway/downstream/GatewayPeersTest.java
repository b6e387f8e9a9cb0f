package io.z3chat.gateway.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** How peer addresses are compared with this replica's own, so it never counts itself among its peers. */
class GatewayPeersTest {

    @Test
    void addressesAreComparedByTheirSchemeHostAndPortWhateverTheirSpelling() {
        assertEquals("http://10.0.0.7:8080", GatewayPeers.baseOf("http://10.0.0.7:8080"));
        assertEquals("http://10.0.0.7:8080", GatewayPeers.baseOf(" HTTP://10.0.0.7:8080/ "));
        assertEquals("http://gateway:80", GatewayPeers.baseOf("http://Gateway"));
        assertEquals("https://gateway:443", GatewayPeers.baseOf("https://gateway/internal"));
        assertEquals("http://[fd00::7]:8080", GatewayPeers.baseOf("http://[FD00::7]:8080"));
    }

    @Test
    void whatIsNotAnAbsoluteHttpUrlIsNoPeer() {
        assertNull(GatewayPeers.baseOf(null));
        assertNull(GatewayPeers.baseOf(" "));
        assertNull(GatewayPeers.baseOf("gateway:8080"));
        assertNull(GatewayPeers.baseOf("ftp://gateway"));
        assertNull(GatewayPeers.baseOf("http://"));
        assertNull(GatewayPeers.baseOf("http://bad host"));
    }
}
