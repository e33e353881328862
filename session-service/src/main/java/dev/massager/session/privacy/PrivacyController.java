package dev.massager.session.privacy;

import dev.massager.session.users.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "privacy", description = "Export or erase all my data")
class PrivacyController {

    private final PersonalData personalData;

    PrivacyController(PersonalData personalData) {
        this.personalData = personalData;
    }

    @GetMapping("/export")
    @Operation(
            summary = "Export all my data",
            description = "Profile, time-zone history, device pairings, sessions and diary entries as one JSON"
                    + " document, sent as an attachment.")
    ResponseEntity<PersonalData.Export> export(@CurrentUser String userId) {
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("massager-export.json")
                                .build()
                                .toString())
                .body(personalData.export(userId));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Erase me",
            description = "Deletes the user and all their data here, and asks every other service to do the same."
                    + " Cannot be undone.")
    void erase(@CurrentUser String userId) {
        personalData.erase(userId);
    }
}
