//go:build !linux

package syntax

// hugePages does nothing where the kernel offers no advice on page sizes.
func hugePages([]int16) {}
