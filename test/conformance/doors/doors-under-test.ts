/** Every door in the door conformance suite (test/conformance/doors.test.ts). Add a door here. */
import { chatDoorUnderTest } from './chat-door-under-test.js';
import type { DoorUnderTest } from './door-under-test.js';
import { messagesDoorUnderTest } from './messages-door-under-test.js';

export const doorsUnderTest: readonly DoorUnderTest[] = [chatDoorUnderTest, messagesDoorUnderTest];
