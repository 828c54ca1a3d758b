package rpm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/claimkit/claimkit/x12"
)

// practice makes patients with a 90-day RPM or RTM episode, two devices
// sending four readings a day on most days, and a few time entries a
// month.
func practice(patients int) *Input {
	in := &Input{Fees: allFees()}
	start := d("2026-01-01")
	for p := range patients {
		pid := fmt.Sprintf("P%05d", p)
		e := episode("EP-"+pid, pid, RPM, "", start.AddDays(p%28).String())
		if p%3 == 0 {
			e.Program, e.Category = RTM, Musculoskeletal
		}
		in.Episodes = append(in.Episodes, e)
		for day := range 90 {
			if (day+p)%5 == 0 {
				continue
			}
			for dev := range 2 {
				for range 4 {
					in.Readings = append(in.Readings, Reading{PatientID: pid, DeviceID: fmt.Sprint("D", dev),
						Program: e.Program, Category: e.Category, Day: e.Start.AddDays(day)})
				}
			}
			if day%6 == 0 {
				in.TimeEntries = append(in.TimeEntries, TimeEntry{PatientID: pid, PractitionerID: "RN-1",
					Program: e.Program, Day: e.Start.AddDays(day), Minutes: 8 + p%7, Interactive: day%12 == 0})
			}
		}
	}
	return in
}

var benchAsOf = x12.NewDate(2026, 4, 15)

// BenchmarkBill reports readings billed per second.
func BenchmarkBill(b *testing.B) {
	in := practice(500)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Bill(in, benchAsOf, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(in.Readings))*float64(b.N)/b.Elapsed().Seconds(), "readings/s")
}

// BenchmarkReadAndBill reads the input as JSON, then bills it.
func BenchmarkReadAndBill(b *testing.B) {
	in := practice(500)
	data, err := json.Marshal(in)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		got, err := ReadInput(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Bill(got, benchAsOf, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(in.Readings))*float64(b.N)/b.Elapsed().Seconds(), "readings/s")
}
