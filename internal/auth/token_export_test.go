package auth

// WaitTokenTouches waits for the last-used writes in flight, so tests can
// look at the stored time.
func WaitTokenTouches() { touches.Wait() }
