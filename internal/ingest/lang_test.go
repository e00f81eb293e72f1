package ingest

import (
	"strings"
	"testing"
)

// TestDetectLanguage: a few sentences of news in each language, written
// for this test.
func TestDetectLanguage(t *testing.T) {
	tests := []struct{ want, text string }{
		{"en", "The government said on Monday that it would send more troops to the border after the attack, which killed three soldiers."},
		{"fr", "Le gouvernement a annoncé lundi qu'il enverrait plus de soldats à la frontière après l'attaque, qui a tué trois militaires dans la nuit."},
		{"de", "Die Regierung hat am Montag angekündigt, dass sie nach dem Angriff mehr Soldaten an die Grenze schicken wird, bei dem drei Soldaten getötet wurden."},
		{"es", "El gobierno anunció el lunes que enviará más tropas a la frontera después del ataque, que causó la muerte de tres soldados según la policía."},
		{"it", "Il governo ha annunciato lunedì che invierà più truppe al confine dopo l'attacco, che ha ucciso tre soldati, secondo la polizia della regione."},
		{"pt", "O governo anunciou na segunda-feira que vai enviar mais tropas para a fronteira depois do ataque, que matou três soldados, segundo a polícia."},
		{"nl", "De regering heeft maandag aangekondigd dat zij meer troepen naar de grens stuurt na de aanval, waarbij drie soldaten om het leven zijn gekomen."},
		{"tr", "Hükümet pazartesi günü yaptığı açıklamada, üç askerin hayatını kaybettiği saldırının ardından sınıra daha çok asker göndereceğini ve bu konuda kararlı olduğunu söyledi."},
		{"ru", "Правительство в понедельник заявило, что направит дополнительные войска к границе после нападения, в результате которого погибли трое военных."},
		{"uk", "Уряд у понеділок заявив, що направить додаткові війська до кордону після нападу, внаслідок якого загинули троє військових."},
		{"ar", "أعلنت الحكومة يوم الاثنين أنها سترسل المزيد من القوات إلى الحدود بعد الهجوم الذي أسفر عن مقتل ثلاثة جنود."},
		{"fa", "دولت روز دوشنبه اعلام کرد که پس از حمله‌ای که سه سرباز در آن کشته شدند، نیروهای بیشتری به مرز می‌فرستد."},
		{"zh", "政府周一表示，在袭击造成三名士兵死亡后，将向边境增派更多部队。警方说调查正在进行。"},
		{"ja", "政府は月曜日、兵士三人が死亡した攻撃を受けて、国境にさらに部隊を派遣すると発表した。警察が調べている。"},
		{"ko", "정부는 월요일 군인 세 명이 숨진 공격 이후 국경에 더 많은 병력을 보낼 것이라고 밝혔다. 경찰이 조사하고 있다."},
		{"", "Talks."},
		{"", "Kyiv, Moskva, Warszawa, Praha, Bratislava."},
		{"", ""},
	}
	for _, tc := range tests {
		if got := DetectLanguage(tc.text); got != tc.want {
			t.Errorf("DetectLanguage(%.40q…) = %q, want %q", tc.text, got, tc.want)
		}
	}
	// A long English text with a French quotation is English.
	long := strings.Repeat("The minister said the talks had been useful and that they would resume next week. ", 5) + "« Nous sommes prêts », a-t-il dit."
	if got := DetectLanguage(long); got != "en" {
		t.Errorf("English with a French quote: %q", got)
	}
}

func BenchmarkDetectLanguage(b *testing.B) {
	text := strings.Repeat("The government said on Monday that it would send more troops to the border after the attack. ", 60)
	for b.Loop() {
		DetectLanguage(text)
	}
}
