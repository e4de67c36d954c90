package org.ketang.agent.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentApiTests {

    @Test
    void everyPathIsVersioned() {
        assertThat(AgentApi.ENROLL).startsWith("/api/agent/v1/");
        assertThat(AgentApi.HEARTBEAT).startsWith("/api/agent/v1/");
        assertThat(AgentApi.SCHEDULE).startsWith("/api/agent/v1/");
    }

    @Test
    void capturingAndLiveAreBusyButIdleIsNot() {
        assertThat(AgentState.CAPTURING.isBusy()).isTrue();
        assertThat(AgentState.LIVE.isBusy()).isTrue();
        assertThat(AgentState.IDLE.isBusy()).isFalse();
        assertThat(AgentState.ERROR.isBusy()).isFalse();
    }
}
