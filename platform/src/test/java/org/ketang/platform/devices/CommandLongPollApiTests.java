package org.ketang.platform.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.platform.devices.internal.CommandWaiters;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The long-poll between heartbeats: the agent waits on {@code /commands} without holding a server thread and gets a
 * command the moment it is issued.
 */
class CommandLongPollApiTests extends DeviceApiTest {

    @Autowired CommandWaiters waiters;

    MvcResult poll(Agent agent, int waitSeconds) throws Exception {
        return mvc.perform(get(AgentApi.COMMANDS).param("waitSeconds", String.valueOf(waitSeconds)).with(agent.auth()))
                .andExpect(request().asyncStarted()).andReturn();
    }

    @Test
    void aWaitingCommandIsAnsweredAtOnce() throws Exception {
        Agent agent = recorder("sadmin1", classroom("S01", "录播教室1"));
        String id = commandId("sadmin1", agent.deviceId(), "STOP_RECORDING");

        MvcResult polled = poll(agent, 25);

        assertThat(polled.getAsyncResult(0)).isNotNull();
        mvc.perform(asyncDispatch(polled)).andExpect(status().isOk()).andExpect(jsonPath("$[0].id").value(id))
                .andExpect(jsonPath("$[0].type").value("STOP_RECORDING"));
    }

    @Test
    void withNothingToDoThePollAnswersAnEmptyListAfterTheWait() throws Exception {
        Agent agent = recorder("sadmin2", classroom("S02", "录播教室1"));

        MvcResult polled = poll(agent, 1);

        mvc.perform(asyncDispatch(polled)).andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void aWaitingPollWakesUpWhenACommandIsIssued() throws Exception {
        Agent agent = recorder("sadmin2", classroom("S02", "录播教室2"));
        MvcResult polled = poll(agent, 30);
        assertThat(polled.getRequest().isAsyncStarted()).isTrue();
        assertThat(waiters.waiting()).isPositive();

        String id = commandId("sadmin2", agent.deviceId(), "LIVE_ON");

        mvc.perform(asyncDispatch(polled)).andExpect(status().isOk()).andExpect(jsonPath("$[0].id").value(id))
                .andExpect(jsonPath("$[0].type").value("LIVE_ON"));
    }
}
