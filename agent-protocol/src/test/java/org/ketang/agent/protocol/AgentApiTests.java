package org.ketang.agent.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AgentApiTests {

    @Test
    void everyPathIsVersioned() {
        for (String path : new String[] {AgentApi.ENROLL, AgentApi.HEARTBEAT, AgentApi.COMMANDS,
                AgentApi.COMMAND_RESULT, AgentApi.SCHEDULE, AgentApi.RECORDING, AgentApi.LIVE}) {
            assertThat(path).startsWith("/api/agent/v1/");
        }
    }

    @Test
    void expandFillsTheOnePlaceholder() {
        assertThat(AgentApi.expand(AgentApi.RECORDING, "r-1")).isEqualTo("/api/agent/v1/recordings/r-1");
        assertThat(AgentApi.expand(AgentApi.COMMAND_RESULT, "c9")).isEqualTo("/api/agent/v1/commands/c9/result");
        assertThatThrownBy(() -> AgentApi.expand(AgentApi.HEARTBEAT, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void capturingAndLiveAreBusyButIdleIsNot() {
        assertThat(AgentState.CAPTURING.isBusy()).isTrue();
        assertThat(AgentState.LIVE.isBusy()).isTrue();
        assertThat(AgentState.IDLE.isBusy()).isFalse();
        assertThat(AgentState.ERROR.isBusy()).isFalse();
    }
}
