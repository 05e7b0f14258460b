package org.slotscope.ui.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlaybackViewModelTest {
    @Test
    void theSpeedSliderIsLogarithmicFromAHundredthToAHundredfold() {
        assertEquals(0.01, PlaybackViewModel.speedOf(-2), 1e-12);
        assertEquals(1, PlaybackViewModel.speedOf(0), 1e-12);
        assertEquals(100, PlaybackViewModel.speedOf(2), 1e-9);
        assertEquals(100, PlaybackViewModel.speedOf(7), 1e-9);
        assertEquals(0.01, PlaybackViewModel.speedOf(-9), 1e-12);
        assertEquals("0.01x", PlaybackViewModel.speedLabel(0.01));
        assertEquals("3.2x", PlaybackViewModel.speedLabel(Math.sqrt(10)));
        assertEquals("100x", PlaybackViewModel.speedLabel(100));
    }
}
