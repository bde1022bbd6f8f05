/// <reference types="@crxjs/vite-plugin/client" />
/** True in the test build (loopback hosts granted, short alarms allowed). */
declare const __TEST_BUILD__: boolean;
