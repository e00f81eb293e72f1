package bench

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// MemPeak is the peak memory seen while a MemSampler ran.
type MemPeak struct {
	HeapInuse uint64 `json:"heap_inuse_bytes"` // peak runtime.MemStats.HeapInuse
	Sys       uint64 `json:"sys_bytes"`        // peak runtime.MemStats.Sys (all memory the Go runtime obtained)
	// VmHWM is the process's peak resident set size since it started
	// (Linux /proc/self/status), 0 where unknown.
	VmHWM   uint64 `json:"vmhwm_bytes"`
	Samples int    `json:"samples"`
}

// MemSampler samples runtime.MemStats on a ticker and keeps the peaks.
type MemSampler struct {
	mu   sync.Mutex
	peak MemPeak
	stop chan struct{}
	done chan struct{}
}

// StartMem starts sampling every interval (ReadMemStats briefly stops the
// world, so keep it at tens of milliseconds or more).
func StartMem(interval time.Duration) *MemSampler {
	m := &MemSampler{stop: make(chan struct{}), done: make(chan struct{})}
	m.sample()
	go func() {
		defer close(m.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-m.stop:
				return
			case <-t.C:
				m.sample()
			}
		}
	}()
	return m
}

func (m *MemSampler) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.peak.Samples++
	m.peak.HeapInuse = max(m.peak.HeapInuse, ms.HeapInuse)
	m.peak.Sys = max(m.peak.Sys, ms.Sys)
}

// Stop takes a last sample, stops sampling and returns the peaks, with
// the process's VmHWM.
func (m *MemSampler) Stop() MemPeak {
	close(m.stop)
	<-m.done
	m.sample()
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.peak
	p.VmHWM, _ = VmHWM()
	return p
}

// VmHWM returns the process's peak resident set size in bytes, read from
// /proc/self/status; ok is false off Linux or when it cannot be read.
func VmHWM() (bytes uint64, ok bool) {
	return procStatus("VmHWM:")
}

// VmRSS returns the process's current resident set size in bytes.
func VmRSS() (bytes uint64, ok bool) {
	return procStatus("VmRSS:")
}

func procStatus(key string) (uint64, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, key) {
			continue
		}
		fs := strings.Fields(line[len(key):])
		if len(fs) < 1 {
			return 0, false
		}
		kb, err := strconv.ParseUint(fs[0], 10, 64)
		if err != nil {
			return 0, false
		}
		return kb * 1024, true
	}
	return 0, false
}
